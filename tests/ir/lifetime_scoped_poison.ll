; A stack slot whose lifetime starts outside the entry block is poisoned
; (with its origin) at each llvm.lifetime.start only, as MemorySanitizer
; does: before its lifetime starts the object is dead, so poisoning it at
; entry too would be wasted, and in functions whose scoped locals live in
; branches seldom taken it is most of the cost. That holds for a lifetime
; start in the entry block too, after the last alloca (%early); a slot whose
; lifetime starts in the entry block above another alloca stays poisoned at
; entry (%first below: the origin code may split the block, and the allocas
; under a split would no longer be static). When some lifetime start names a
; pointer that is not an entry alloca (%either below), every slot of the
; function is poisoned at entry. llvm.lifetime.end leaves the shadow alone:
; all slots are cleaned at every return.
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @use(ptr)
declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)

define void @scoped(i1 %c) {
entry:
  %buf = alloca [4 x i32], align 16
  %early = alloca i64, align 8
  call void @llvm.lifetime.start.p0(i64 8, ptr %early)
  call void @use(ptr %early)
  call void @llvm.lifetime.end.p0(i64 8, ptr %early)
  br i1 %c, label %then, label %done
then:
  call void @llvm.lifetime.start.p0(i64 16, ptr %buf)
  call void @use(ptr %buf)
  call void @llvm.lifetime.end.p0(i64 16, ptr %buf)
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @scoped(
; CHECK: %buf = alloca [4 x i32], align 16
; CHECK-NEXT: %early = alloca i64, align 8
; CHECK-NEXT: ptrtoint ptr %early
; CHECK-NOT: ptrtoint ptr %buf
; CHECK: call void @llvm.memset.p0.i64(ptr align 8 %{{[0-9]+}}, i8 -1, i64 8, i1 false)
; CHECK-NEXT: load atomic i32, ptr @__umsan_stack_origin
; CHECK-NOT: ptrtoint ptr %buf
; CHECK: call void @llvm.lifetime.start.p0(i64 8, ptr %early)
; CHECK-NEXT: call void @use(ptr %early)
; CHECK-NOT: memset
; CHECK: call void @llvm.lifetime.end.p0(i64 8, ptr %early)
; CHECK-NOT: memset
; CHECK: br i1 %c, label %[[SCOPE:umsan.head[0-9]*]], label %done
; CHECK: [[SCOPE]]:
; CHECK-NEXT: ptrtoint ptr %buf
; CHECK: call void @llvm.memset.p0.i64(ptr align 16 %{{[0-9]+}}, i8 -1, i64 16, i1 false)
; CHECK-NEXT: [[ID:%[0-9]+]] = load atomic i32, ptr [[SLOT:@__umsan_stack_origin[.0-9]*]] acquire, align 4
; CHECK-NEXT: [[Z:%[0-9]+]] = icmp eq i32 [[ID]], 0
; CHECK-NEXT: br i1 [[Z]], label %[[COLD:umsan.report[0-9]*]], label %[[JOIN:umsan.head[0-9]*]]
; CHECK: [[JOIN]]:
; CHECK-NEXT: phi i32 [ [[ID]], %[[SCOPE]] ], [ {{%[0-9]+}}, %[[COLD]] ]
; CHECK: store <4 x i32>
; CHECK-NEXT: call void @llvm.lifetime.start.p0(i64 16, ptr %buf)
; CHECK-NEXT: call void @use(ptr %buf)
; CHECK-NOT: memset
; CHECK: call void @llvm.lifetime.end.p0(i64 16, ptr %buf)
; CHECK-NEXT: br label %done
; CHECK-LABEL: done:
; CHECK: call void @llvm.memset.p0.i64(ptr align 1 {{%[0-9]+}}, i8 0, i64 16, i1 false)
; CHECK: ret void
; CHECK: [[COLD]]:
; CHECK-NEXT: call void @__umsan_poison_stack(ptr %buf, i64 16, ptr [[SLOT]],

define void @started_above_an_alloca() {
entry:
  %first = alloca i64, align 8
  call void @llvm.lifetime.start.p0(i64 8, ptr %first)
  %second = alloca i64, align 8
  call void @use(ptr %first)
  call void @use(ptr %second)
  ret void
}

; CHECK-LABEL: define void @started_above_an_alloca(
; CHECK: %first = alloca i64, align 8
; CHECK-NEXT: ptrtoint ptr %first
; CHECK: call void @llvm.memset.p0.i64(ptr align 8 %{{[0-9]+}}, i8 -1, i64 8, i1 false)
; CHECK: call void @llvm.memset.p0.i64(ptr align 1 %{{[0-9]+}}, i8 -1, i64 8, i1 false)
; CHECK-NEXT: call void @llvm.lifetime.start.p0(i64 8, ptr %first)
; CHECK-NEXT: %second = alloca i64, align 8

define void @unrecognized(i1 %c) {
entry:
  %a = alloca [4 x i32], align 16
  %b = alloca [4 x i32], align 16
  %either = select i1 %c, ptr %a, ptr %b
  br label %body
body:
  call void @llvm.lifetime.start.p0(i64 16, ptr %either)
  call void @use(ptr %either)
  ret void
}

; CHECK-LABEL: define void @unrecognized(
; CHECK: %a = alloca
; CHECK-NEXT: ptrtoint ptr %a
; CHECK: call void @llvm.memset.p0.i64(ptr align 16 %{{[0-9]+}}, i8 -1, i64 16, i1 false)
; CHECK-NEXT: %b = alloca
; CHECK-NEXT: ptrtoint ptr %b
; CHECK: call void @llvm.memset.p0.i64(ptr align 16 %{{[0-9]+}}, i8 -1, i64 16, i1 false)
; CHECK: %either = select i1 %c, ptr %a, ptr %b
; CHECK: call void @llvm.lifetime.start.p0(i64 16, ptr %either)
