; With recover=0 (-fno-umsan-recover) a check ends in a call of the noreturn
; __umsan_warning_noreturn and `unreachable`: nothing runs after a report.
; With the default (recover) the report call is preserve_mostcc and returns
; to the checked instruction (see branch_on_load.ll). Above call-threshold
; the checks stay inline too (the `maybe` forms would return).
; PASS-OPTIONS: recover=0;call-threshold=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @f(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  %c = icmp sgt i32 %v, 0
  br i1 %c, label %yes, label %no
yes:
  ret i32 1
no:
  ret i32 2
}
; CHECK-LABEL: define i32 @f(
; CHECK: call void @__umsan_warning_noreturn(
; CHECK-NEXT: unreachable
; CHECK-NOT: call {{.*}}@__umsan_warning{{(_noorigin)?}}(
; CHECK: declare void @__umsan_warning_noreturn(i32) #[[A:[0-9]+]]
; CHECK: attributes #[[A]] = { noreturn nounwind }
