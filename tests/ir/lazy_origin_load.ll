; With track-origins=1, a load's origin is loaded only when the loaded
; shadow has a bit set: in a cold block right after the load, whose value
; meets 0 in a phi. The warning gets that phi.
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @hit()

define void @test(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  %c = icmp eq i32 %v, 0
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @test(
; CHECK: [[S:%[^ ]+]] = load i32, ptr %{{[^ ]+}}, align 4
; CHECK-NEXT: [[P:%[^ ]+]] = icmp ne i32 [[S]], 0
; CHECK: br i1 [[P]], label %[[COLD:[^ ,]+]], label %[[JOIN:[^ ,]+]]
; CHECK: [[JOIN]]:
; CHECK-NEXT: [[O:%[^ ]+]] = phi i32 [ [[L:%[^ ]+]], %[[COLD]] ], [ 0, %{{[^ ]+}} ]
; CHECK: call preserve_mostcc void @__umsan_maybe_warning(i32 %{{[^ ]+}}, i32 [[O]])
; CHECK: [[COLD]]:
; CHECK-NEXT: [[L]] = load i32, ptr %{{[^ ]+}}, align 4
; CHECK-NEXT: br label %[[JOIN]]
