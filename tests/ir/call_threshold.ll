; Above `call-threshold` checks and origin stores (here: more than one),
; a function's checks and origin stores call the runtime's `maybe` forms
; instead of branching to blocks of their own, as MemorySanitizer does above
; -msan-instrumentation-with-call-threshold: no new blocks, the outcome of
; each check (zero-extended) and the origin passed with preserve_mostcc.
; Past a check the checked value still counts as reported (clean).
; PASS-OPTIONS: track-origins=1;call-threshold=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @hit()

define void @f(ptr %p, ptr %q, ptr %r) {
entry:
  %v = load i32, ptr %p, align 4
  %w = load i64, ptr %q, align 8
  store i64 %w, ptr %r, align 8
  %c = trunc i32 %v to i1
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  br i1 %c, label %again, label %out
again:
  call void @hit()
  br label %out
out:
  ret void
}

; The pointer operands are checked first (addresses are uses), right before
; the access; a load's shadow is read after it, a store's written after it.
; CHECK-LABEL: define void @f(
; CHECK: call preserve_mostcc void @__umsan_maybe_warning(i32 {{%[0-9]+}}, i32 {{%[0-9]+}}) #[[NM:[0-9]+]]
; CHECK-NEXT: %v = load i32, ptr %p
; CHECK: call preserve_mostcc void @__umsan_maybe_warning(
; CHECK-NEXT: %w = load i64, ptr %q
; CHECK: [[SW:%[0-9]+]] = load i64, ptr {{%[0-9]+}}, align 8
; CHECK: [[OW:%[0-9]+]] = load i32, ptr {{%[0-9]+}}, align 4
; CHECK: call preserve_mostcc void @__umsan_maybe_warning(
; CHECK: [[NZ:%[0-9]+]] = icmp ne i64 [[SW]], 0
; CHECK-NEXT: [[F:%[0-9]+]] = zext i1 [[NZ]] to i32
; CHECK-NEXT: call preserve_mostcc void @__umsan_maybe_store_origin(i32 [[F]], ptr %r, i64 8, i32 [[OW]])
; CHECK-NEXT: store i64 %w, ptr %r
; CHECK: store i64 [[SW]], ptr
; CHECK: [[SC:%[0-9]+]] = trunc i32 {{%[0-9]+}} to i1
; CHECK-NEXT: %c = trunc i32 %v to i1
; CHECK-NEXT: [[NZ2:%[0-9]+]] = icmp ne i1 [[SC]], false
; CHECK-NEXT: [[F2:%[0-9]+]] = zext i1 [[NZ2]] to i32
; CHECK-NEXT: call preserve_mostcc void @__umsan_maybe_warning(i32 [[F2]], i32 {{%[0-9]+}}) #[[NM]]
; CHECK-NEXT: br i1 %c, label %then, label %done
; The second branch on %c is not checked again.
; CHECK-LABEL: done:
; CHECK-NOT: @__umsan_maybe_warning
; CHECK: br i1 %c, label %again, label %out
; CHECK-NOT: umsan.report
; CHECK-LABEL: declare preserve_mostcc void @__umsan_maybe_warning(i32, i32)
; CHECK-LABEL: declare preserve_mostcc void @__umsan_maybe_store_origin(i32, ptr, i64, i32)
; CHECK: attributes #[[NM]] = { nomerge memory(read, inaccessiblemem: readwrite) }
