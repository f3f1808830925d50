; With origins, a memcpy of constant size up to 64 bytes copies the shadow
; inline (8/4/2/1-byte loads and stores) and has the runtime move the origins
; only when a copied byte is uninitialized: just the origin words when both
; ends are granule-aligned and whole granules move, else shadow and origins
; again (__umsan_move_shadow). Larger or variable
; sizes, and memmove (the ranges may overlap), always go through
; __umsan_move_shadow.
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

define void @small(ptr %d, ptr %s) {
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 13, i1 false)
  ret void
}

define void @large(ptr %d, ptr %s) {
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 65, i1 false)
  ret void
}

define void @move(ptr %d, ptr %s) {
  call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 8, i1 false)
  ret void
}

; CHECK-LABEL: define void @small(
; CHECK: inttoptr i64 %{{[0-9]+}} to ptr
; CHECK: inttoptr i64 %{{[0-9]+}} to ptr
; CHECK-NEXT: [[A:%[0-9]+]] = load i64, ptr
; CHECK: [[B:%[0-9]+]] = load i32, ptr
; CHECK: [[C:%[0-9]+]] = load i8, ptr
; CHECK: store i64 [[A]], ptr
; CHECK: store i32 [[B]], ptr
; CHECK: store i8 [[C]], ptr
; CHECK: br i1 %{{[0-9]+}}, label %[[COLD:umsan[.a-z0-9]+]], label %[[HOT:[.a-z0-9]+]]
; CHECK: {{^}}[[HOT]]:
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 13, i1 false)
; CHECK: {{^}}[[COLD]]:
; CHECK-NEXT: call void @__umsan_move_shadow(ptr %d, ptr %s, i64 13)
; CHECK-NEXT: br label %[[HOT]]

; CHECK-LABEL: define void @large(
; CHECK-NOT: br i1
; CHECK: call void @__umsan_move_shadow(ptr %d, ptr %s, i64 65)
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 65, i1 false)

; CHECK-LABEL: define void @move(
; CHECK-NOT: br i1
; CHECK: call void @__umsan_move_shadow(ptr %d, ptr %s, i64 8)
; CHECK-NEXT: call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 8, i1 false)

; Both ends granule-aligned and whole granules moved (a 20-byte struct copy):
; the cold block has the runtime copy just the origin words
; (__umsan_copy_origins), the shadow has moved already.
define void @aligned(ptr %d, ptr %s) {
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %d, ptr align 4 %s, i64 20, i1 false)
  ret void
}

; CHECK-LABEL: define void @aligned(
; CHECK: br i1 %{{[0-9]+}}, label %[[ACOLD:umsan[.a-z0-9]+]], label %[[AHOT:[.a-z0-9]+]]
; CHECK: {{^}}[[AHOT]]:
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr align 8 %d, ptr align 4 %s, i64 20, i1 false)
; CHECK: {{^}}[[ACOLD]]:
; CHECK-NEXT: call void @__umsan_copy_origins(ptr %d, ptr %s, i64 20)
; CHECK-NEXT: br label %[[AHOT]]
