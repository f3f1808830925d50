; With origins, a small aligned stack slot of constant size gets its shadow
; and origin inline: the site's origin id is read (acquire) from its slot,
; the runtime is called only while it is 0 (first execution: it creates the
; origin, read back in the cold block), then the id is stored for every
; 4-byte granule (vector stores).
; A slot larger than 128 bytes goes through __umsan_poison_stack. The branch
; comes after the entry block's last alloca, so every static alloca stays
; in the entry block.
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @use(ptr)

define void @test() {
entry:
  %small = alloca [5 x i32], align 4
  %big = alloca [200 x i8], align 16
  call void @use(ptr %small)
  call void @use(ptr %big)
  ret void
}

; CHECK-LABEL: define void @test(
; CHECK: %small = alloca [5 x i32], align 4
; CHECK: call void @llvm.memset.p0.i64(ptr align 4 %{{[0-9]+}}, i8 -1, i64 20, i1 false)
; CHECK-NOT: br
; CHECK: %big = alloca [200 x i8], align 16
; CHECK-NEXT: call void @__umsan_poison_stack(ptr %big, i64 200,
; CHECK-NEXT: [[ID:%[0-9]+]] = load atomic i32, ptr @__umsan_stack_origin acquire, align 4
; CHECK-NEXT: [[Z:%[0-9]+]] = icmp eq i32 [[ID]], 0
; CHECK-NEXT: br i1 [[Z]], label %[[COLD:umsan[.a-z0-9]+]], label %[[HOT:umsan[.a-z0-9]+]]
; CHECK: [[HOT]]:
; CHECK-NEXT: [[ID2:%[0-9]+]] = phi i32 [ [[ID]], %umsan.head ], [ [[NEW:%[0-9]+]], %[[COLD]] ]
; CHECK: store <4 x i32> %{{[0-9]+}}, ptr [[O:%[0-9]+]], align 4
; CHECK-NEXT: [[O16:%[0-9]+]] = getelementptr i8, ptr [[O]], i64 16
; CHECK-NEXT: store i32 [[ID2]], ptr [[O16]], align 4
; CHECK: call void @use(ptr %small)
; CHECK: [[COLD]]:
; CHECK-NEXT: call void @__umsan_poison_stack(ptr %small, i64 20, ptr @__umsan_stack_origin, ptr @__umsan_stack_descr)
; CHECK-NEXT: [[NEW]] = load atomic i32, ptr @__umsan_stack_origin acquire, align 4
; CHECK-NEXT: br label %[[HOT]]
