; An unknown pass option is an error naming it.
; PASS-OPTIONS: no-such-option=1
; EXPECT-ERROR: no-such-option
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @f() {
  ret void
}
