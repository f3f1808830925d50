; A load from a `constant` global (a `static const` table, a literal),
; also through a variable GEP, has a clean shadow: no shadow load, no
; origin. The index is still checked. A load from a writable global keeps
; its shadow load.
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@table = internal constant [4 x i32] [i32 1, i32 2, i32 3, i32 4], align 16
@data = internal global [4 x i32] zeroinitializer, align 16

define i32 @from_table(i64 %i) {
entry:
  %p = getelementptr inbounds [4 x i32], ptr @table, i64 0, i64 %i
  %v = load i32, ptr %p, align 4
  ret i32 %v
}

define i32 @from_data(i64 %i) {
entry:
  %p = getelementptr inbounds [4 x i32], ptr @data, i64 0, i64 %i
  %v = load i32, ptr %p, align 4
  ret i32 %v
}

; CHECK-LABEL: define i32 @from_table(
; CHECK-NOT: xor i64
; CHECK: br i1 %{{[0-9]+}}, label %umsan.report, label %entry
; CHECK: entry:
; CHECK-NEXT: %v = load i32, ptr %p, align 4
; CHECK-NEXT: store i32 0, ptr @__umsan_retval_tls
; CHECK-NOT: __umsan_retval_origin_tls
; CHECK: ret i32 %v
; CHECK: call preserve_mostcc void @__umsan_warning(
; CHECK-LABEL: define i32 @from_data(
; CHECK: %v = load i32, ptr %p, align 4
; CHECK: xor i64
; CHECK: [[S:%[0-9]+]] = load i32, ptr %{{[0-9]+}}, align 4
; CHECK: store i32 [[S]], ptr @__umsan_retval_tls
