; A parameter's origin slot (and, after a call, the return value's: @returned)
; is read in the block of the report that uses it when no call (nor store
; into the thread-local slots) lies between the entry and the report
; (@checked_first): the hot path neither loads it nor
; keeps it in a register. With a call first, the call may overwrite the
; slot: it is read at entry (@call_first).
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @hit()

define i32 @checked_first(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  ret i32 %v
}

; CHECK-LABEL: define i32 @checked_first(
; CHECK-NOT: load i32, ptr @__umsan_param_origin_tls
; CHECK: ret i32 %v
; CHECK: umsan.report:
; CHECK-NEXT: [[O:%[^ ]+]] = load i32, ptr @__umsan_param_origin_tls, align 4
; CHECK-NEXT: call preserve_mostcc void @__umsan_warning(i32 poison, i32 poison, i32 poison, i32 poison, i32 poison, i32 [[O]])

define i32 @call_first(ptr %p) {
entry:
  call void @hit()
  %v = load i32, ptr %p, align 4
  ret i32 %v
}

; CHECK-LABEL: define i32 @call_first(
; CHECK: [[O:%[^ ]+]] = load i32, ptr @__umsan_param_origin_tls, align 4
; CHECK: call void @hit()
; CHECK: call preserve_mostcc void @__umsan_warning(i32 poison, i32 poison, i32 poison, i32 poison, i32 poison, i32 [[O]])

; The same for the return value's origin slot after a call (@returned).
declare i32 @get()

define void @returned() {
entry:
  %v = call i32 @get()
  %c = icmp eq i32 %v, 0
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @returned(
; CHECK: %v = call i32 @get()
; CHECK-NOT: load i32, ptr @__umsan_retval_origin_tls
; CHECK: ret void
; CHECK: [[O:%[^ ]+]] = load i32, ptr @__umsan_retval_origin_tls, align 4
; CHECK-NEXT: call preserve_mostcc void @__umsan_maybe_warning(i32 %{{[^ ]+}}, i32 [[O]])
