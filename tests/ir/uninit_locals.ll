; Locals the optimizer would fold away (instrument/uninit_locals.rs). The
; prepare step stores a marker value into each small local where its life
; starts; SROA promotes it like any value, but no phi of it folds, and the
; instrumentation gives it an all-poisoned shadow and the local's stack
; origin (created by __umsan_poison_stack with no bytes). Where the local is
; assigned before every read the marker dies in SROA; where the slot is not
; promoted, the store of the marker is dropped (the slot is poisoned where
; its life starts). No marker call reaches the output.
; PASSES: umsan-prepare,sroa,instcombine,umsan
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @use(ptr)
declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)

; CHECK-NOT: __umsan_uninit.
; CHECK: @[[DESCR:__umsan_uninit_descr[.0-9]*]] = private unnamed_addr constant [8 x i8] c"x@maybe\00"
; CHECK-NOT: c"x@always\00"

; CHECK-LABEL: define i32 @maybe(
; CHECK: %[[ID:.*]] = load atomic i32, ptr @[[SLOT:[^,]*]] acquire
; CHECK-DAG: call void @__umsan_poison_stack(ptr null, i64 0, ptr @[[SLOT]], ptr @[[DESCR]])
; CHECK-DAG: phi i32 [ 0, %set ], [ -1, %entry ]
; CHECK-DAG: ret i32
define i32 @maybe(i1 %c) {
entry:
  %x = alloca i32, align 4
  call void @llvm.lifetime.start.p0(i64 4, ptr %x)
  br i1 %c, label %set, label %done
set:
  store i32 5, ptr %x, align 4
  br label %done
done:
  %v = load i32, ptr %x, align 4
  call void @llvm.lifetime.end.p0(i64 4, ptr %x)
  ret i32 %v
}

; CHECK-LABEL: define i32 @always(
; CHECK-NOT: __umsan_poison_stack
; CHECK: ret i32 7
define i32 @always(i1 %c) {
entry:
  %x = alloca i32, align 4
  call void @llvm.lifetime.start.p0(i64 4, ptr %x)
  store i32 7, ptr %x, align 4
  %v = load i32, ptr %x, align 4
  ret i32 %v
}

; The slot escapes: poisoned at its lifetime start as always, nothing else
; is stored to it, and the marker's origin is not made.
; CHECK-LABEL: define void @escapes(
; CHECK-NOT: __umsan_poison_stack(ptr null
; CHECK-NOT: store i64 {{.*}}, ptr %x
; CHECK: call void @use(ptr{{.*}} %x)
; CHECK-NOT: __umsan_poison_stack(ptr null
; CHECK: call void @__umsan_poison_stack(ptr %x, i64 8,
; CHECK-NOT: __umsan_poison_stack(ptr null
; CHECK: declare
define void @escapes() {
entry:
  %x = alloca i64, align 8
  call void @llvm.lifetime.start.p0(i64 8, ptr %x)
  call void @use(ptr %x)
  ret void
}
