; A report call (recoverable: it returns with halt_on_error=0) reads the
; program's memory and writes only the runtime's own state:
; `memory(read, inaccessiblemem: readwrite)`. So the clean-up keeps values
; loaded before a check valid past it, as after MemorySanitizer's
; `noreturn` checks: *q (and its shadow) is loaded once.
; PASSES: umsan-o2
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @hit(i32)

define void @reuse(ptr noalias %p, ptr noalias %q) {
entry:
  %v = load i32, ptr %q, align 4
  %x = load i32, ptr %p, align 4
  %c = icmp sgt i32 %x, 0
  br i1 %c, label %yes, label %no
yes:
  %w = load i32, ptr %q, align 4
  %s = add i32 %v, %w
  call void @hit(i32 %s)
  br label %no
no:
  ret void
}

; CHECK-LABEL: define void @reuse(
; CHECK: load i32, ptr %q
; CHECK-NOT: load i32, ptr %q
; CHECK: call void @hit(
; CHECK: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}({{.*}}) #[[A:[0-9]+]]
; CHECK: attributes #[[A]] = { nomerge memory(read, inaccessiblemem: readwrite) }
