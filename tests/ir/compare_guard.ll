; A check of a comparison's exact shadow tests the operands' shadows on the
; hot path ("guard"); the exact answer (extremes for relational compares,
; known differing bits for equality) is computed only when the guard fails,
; in a cold block that hands it to `__umsan_maybe_warning` (which reports
; when it is set). After the clean-up the hot block holds one
; `icmp eq <shadow>, 0` per check, and each check has one cold block.
; PASSES: umsan-o2
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @hit()

define void @rel(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  %c = icmp sgt i32 %v, 10
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

define void @eq(ptr %p, ptr %q) {
entry:
  %a = load i32, ptr %p, align 4
  %b = load i32, ptr %q, align 4
  %c = icmp eq i32 %a, %b
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @rel(
; CHECK: %v = load i32, ptr %p
; CHECK: %c = icmp sgt i32 %v, 10
; CHECK-NEXT: [[G:%[.a-z0-9]+]] = icmp eq i32 %{{[0-9]+}}, 0
; CHECK-NEXT: br i1 [[G]], label %entry, label %[[EXACT:umsan[.a-z0-9]+]]
; CHECK: [[EXACT]]:
; CHECK: icmp sgt i32 %{{[0-9]+}}, 10
; CHECK: icmp sgt i32 %{{[0-9]+}}, 10
; CHECK: [[X:%[0-9]+]] = xor i1
; CHECK-NEXT: [[F:%[0-9]+]] = zext i1 [[X]] to i32
; CHECK-NEXT: call preserve_mostcc void @__umsan_maybe_warning(i32 [[F]], i32 0)
; CHECK-NEXT: br label %entry
; CHECK-LABEL: define void @eq(
; CHECK: %b = load i32, ptr %q
; CHECK: [[S:%[0-9]+]] = or i32
; CHECK-NEXT: [[G:%[.a-z0-9]+]] = icmp eq i32 [[S]], 0
; CHECK-NEXT: %c = icmp eq i32 %a, %b
; CHECK-NEXT: br i1 [[G]], label %entry, label %[[EXACT:umsan[.a-z0-9]+]]
; CHECK: [[EXACT]]:
; CHECK-NEXT: xor i32 %a, %b
; CHECK: [[X:%[0-9]+]] = icmp eq i32
; CHECK-NEXT: [[F:%[0-9]+]] = zext i1 [[X]] to i32
; CHECK-NEXT: call preserve_mostcc void @__umsan_maybe_warning(i32 [[F]], i32 0)
; CHECK-NEXT: br label %entry
