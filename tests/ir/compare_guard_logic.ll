; A check of `a > 10 && b == c` (one branch on a `select` of two
; comparisons, as -O1 and above make of `&&`) or of an `and`/`or` of
; comparisons tests the comparisons' operand shadows on the hot path,
; like a check of one comparison (compare_guard.ll); both exact answers
; and their combination are computed only in the cold block, which hands
; the outcome to `__umsan_maybe_warning`.
; PASSES: umsan-o2
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @hit()

define void @logical_and(ptr %p, ptr %q) {
entry:
  %a = load i32, ptr %p, align 4
  %b = load i64, ptr %q, align 8
  %c1 = icmp sgt i32 %a, 10
  %c2 = icmp eq i64 %b, 7
  %c = select i1 %c1, i1 %c2, i1 false
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

define void @bitwise_or(ptr %p, ptr %q) {
entry:
  %a = load i32, ptr %p, align 4
  %b = load i32, ptr %q, align 4
  %c1 = icmp ult i32 %a, 3
  %c2 = icmp ne i32 %b, 0
  %c = or i1 %c1, %c2
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @logical_and(
; CHECK: %c1 = icmp sgt i32 %a, 10
; CHECK-NOT: xor
; CHECK: br i1 %{{[.a-z0-9]+}}, label %umsan.report{{[0-9]+}}, label %entry
; CHECK: entry:
; CHECK-NEXT: br i1 %c, label %then, label %done
; CHECK: umsan.report{{[0-9]+}}:
; CHECK: icmp sgt i32 %{{[0-9]+}}, 10
; CHECK: call preserve_mostcc void @__umsan_maybe_warning(
; CHECK-NEXT: br label %entry
; CHECK-LABEL: define void @bitwise_or(
; CHECK: %c1 = icmp ult i32 %a, 3
; CHECK-NOT: xor
; CHECK: br i1 %{{[.a-z0-9]+}}, label %entry, label %umsan.report{{[0-9]+}}
; CHECK: entry:
; CHECK-NEXT: br i1 %c, label %then, label %done
; CHECK: umsan.report{{[0-9]+}}:
; CHECK: icmp ult i32 %{{[0-9]+}}, 3
; CHECK: call preserve_mostcc void @__umsan_maybe_warning(
; CHECK-NEXT: br label %entry
