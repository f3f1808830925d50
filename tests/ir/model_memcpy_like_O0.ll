; Function models at -O0: a function annotated UMSAN_MEMCPY_LIKE(copy_mc, 0,
; 1, 2, remaining) and defined in this module keeps its body exactly as it
; was (no __umsan reference inside its definition), and each modelled call is
; followed only by the model's runtime call on k bytes (__umsan_move_shadow /
; __umsan_copy_out_check / __umsan_unpoison), never by a data copy.
; Generated from C with `clang-19 -O0 -S -emit-llvm -D__UMSAN__=1 -I include`
; (tbaa/loop metadata trimmed):
;
;   size_t copy_mc(void *dst, const void *src, size_t len);
;   UMSAN_MEMCPY_LIKE(copy_mc, 0, 1, 2, remaining);
;   size_t copy_mc(void *dst, const void *src, size_t len) {
;       unsigned char *d = dst;
;       const unsigned char *s = src;
;       size_t i = 0;
;       for (; i < len && s[i] != 0xff; i++)
;           d[i] = s[i];
;       return len - i;
;   }
;   long raw_write(int fd, const void *buf, size_t len);
;   UMSAN_COPY_OUT(raw_write, 1, 2, copied);
;   int dev_read(void *dst, int len);
;   UMSAN_COPY_IN(dev_read, 0, 1, none);
;   size_t use(void *dst, const void *src, size_t len, int fd) {
;       size_t left = copy_mc(dst, src, len);
;       raw_write(fd, dst, len - left);
;       dev_read(dst, (int)len);
;       return left;
;   }
source_filename = "m.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.str = private unnamed_addr constant [34 x i8] c"umsan:memcpy_like:0:1:2:remaining\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [4 x i8] c"m.c\00", section "llvm.metadata"
@.str.2 = private unnamed_addr constant [28 x i8] c"umsan:copy_out:-:1:2:copied\00", section "llvm.metadata"
@.str.3 = private unnamed_addr constant [25 x i8] c"umsan:copy_in:0:-:1:none\00", section "llvm.metadata"
; The same models in both forms umsan.h has used: entries of
; @llvm.global.annotations (__attribute__((annotate))) and records in
; section "__umsan_models" kept alive by @llvm.compiler.used.
@llvm.global.annotations = appending global [3 x { ptr, ptr, ptr, i32, ptr }] [{ ptr, ptr, ptr, i32, ptr } { ptr @copy_mc, ptr @.str, ptr @.str.1, i32 5, ptr null }, { ptr, ptr, ptr, i32, ptr } { ptr @raw_write, ptr @.str.2, ptr @.str.1, i32 14, ptr null }, { ptr, ptr, ptr, i32, ptr } { ptr @dev_read, ptr @.str.3, ptr @.str.1, i32 16, ptr null }], section "llvm.metadata"
@umsan_model_record_0 = internal constant { ptr, ptr, ptr, i32 } { ptr @copy_mc, ptr @.str, ptr @.str.1, i32 5 }, section "__umsan_models", align 8
@umsan_model_record_1 = internal constant { ptr, ptr, ptr, i32 } { ptr @raw_write, ptr @.str.2, ptr @.str.1, i32 14 }, section "__umsan_models", align 8
@umsan_model_record_2 = internal constant { ptr, ptr, ptr, i32 } { ptr @dev_read, ptr @.str.3, ptr @.str.1, i32 16 }, section "__umsan_models", align 8
@llvm.compiler.used = appending global [3 x ptr] [ptr @umsan_model_record_0, ptr @umsan_model_record_1, ptr @umsan_model_record_2], section "llvm.metadata"

; Function Attrs: noinline nounwind optnone uwtable
define dso_local i64 @copy_mc(ptr noundef %0, ptr noundef %1, i64 noundef %2) #0 {
  %4 = alloca ptr, align 8
  %5 = alloca ptr, align 8
  %6 = alloca i64, align 8
  %7 = alloca ptr, align 8
  %8 = alloca ptr, align 8
  %9 = alloca i64, align 8
  store ptr %0, ptr %4, align 8
  store ptr %1, ptr %5, align 8
  store i64 %2, ptr %6, align 8
  %10 = load ptr, ptr %4, align 8
  store ptr %10, ptr %7, align 8
  %11 = load ptr, ptr %5, align 8
  store ptr %11, ptr %8, align 8
  store i64 0, ptr %9, align 8
  br label %12

12:                                               ; preds = %33, %3
  %13 = load i64, ptr %9, align 8
  %14 = load i64, ptr %6, align 8
  %15 = icmp ult i64 %13, %14
  br i1 %15, label %16, label %23

16:                                               ; preds = %12
  %17 = load ptr, ptr %8, align 8
  %18 = load i64, ptr %9, align 8
  %19 = getelementptr inbounds i8, ptr %17, i64 %18
  %20 = load i8, ptr %19, align 1
  %21 = zext i8 %20 to i32
  %22 = icmp ne i32 %21, 255
  br label %23

23:                                               ; preds = %16, %12
  %24 = phi i1 [ false, %12 ], [ %22, %16 ]
  br i1 %24, label %25, label %36

25:                                               ; preds = %23
  %26 = load ptr, ptr %8, align 8
  %27 = load i64, ptr %9, align 8
  %28 = getelementptr inbounds i8, ptr %26, i64 %27
  %29 = load i8, ptr %28, align 1
  %30 = load ptr, ptr %7, align 8
  %31 = load i64, ptr %9, align 8
  %32 = getelementptr inbounds i8, ptr %30, i64 %31
  store i8 %29, ptr %32, align 1
  br label %33

33:                                               ; preds = %25
  %34 = load i64, ptr %9, align 8
  %35 = add i64 %34, 1
  store i64 %35, ptr %9, align 8
  br label %12

36:                                               ; preds = %23
  %37 = load i64, ptr %6, align 8
  %38 = load i64, ptr %9, align 8
  %39 = sub i64 %37, %38
  ret i64 %39
}

; Function Attrs: noinline nounwind optnone uwtable
define dso_local i64 @use(ptr noundef %0, ptr noundef %1, i64 noundef %2, i32 noundef %3) #0 {
  %5 = alloca ptr, align 8
  %6 = alloca ptr, align 8
  %7 = alloca i64, align 8
  %8 = alloca i32, align 4
  %9 = alloca i64, align 8
  store ptr %0, ptr %5, align 8
  store ptr %1, ptr %6, align 8
  store i64 %2, ptr %7, align 8
  store i32 %3, ptr %8, align 4
  %10 = load ptr, ptr %5, align 8
  %11 = load ptr, ptr %6, align 8
  %12 = load i64, ptr %7, align 8
  %13 = call i64 @copy_mc(ptr noundef %10, ptr noundef %11, i64 noundef %12)
  store i64 %13, ptr %9, align 8
  %14 = load i32, ptr %8, align 4
  %15 = load ptr, ptr %5, align 8
  %16 = load i64, ptr %7, align 8
  %17 = load i64, ptr %9, align 8
  %18 = sub i64 %16, %17
  %19 = call i64 @raw_write(i32 noundef %14, ptr noundef %15, i64 noundef %18)
  %20 = load ptr, ptr %5, align 8
  %21 = load i64, ptr %7, align 8
  %22 = trunc i64 %21 to i32
  %23 = call i32 @dev_read(ptr noundef %20, i32 noundef %22)
  %24 = load i64, ptr %9, align 8
  ret i64 %24
}

declare i64 @raw_write(i32 noundef, ptr noundef, i64 noundef) #1

declare i32 @dev_read(ptr noundef, i32 noundef) #1

attributes #0 = { noinline nounwind optnone uwtable "frame-pointer"="all" "no-trapping-math"="true" "target-cpu"="x86-64" }
attributes #1 = { "frame-pointer"="all" "no-trapping-math"="true" "target-cpu"="x86-64" }

!llvm.module.flags = !{!0, !1, !2, !3, !4}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 8, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 2}
!4 = !{i32 7, !"frame-pointer", i32 2}

; The modelled function's body is untouched: no shadow for its allocas, no
; parameter or return shadow, no checks.
; CHECK-LABEL: define dso_local i64 @copy_mc(
; CHECK-NOT: __umsan
; CHECK: %39 = sub i64 %37, %38
; CHECK-NEXT: ret i64 %39
; CHECK-NEXT: }

; memcpy_like, remaining: after the call only the computation of k and a
; metadata move; the data itself is the function's business.
; CHECK-LABEL: define dso_local i64 @use(
; CHECK: [[R:%[0-9]+]] = call i64 @copy_mc(ptr noundef [[D:%[0-9]+]], ptr noundef [[S:%[0-9]+]], i64 noundef %{{[0-9]+}})
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store|call}}
; CHECK: icmp slt i64 [[R]], 0
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store|call}}
; CHECK: call void @__umsan_move_shadow(ptr [[D]], ptr [[S]], i64 %{{[0-9]+}})

; CHECK: [[W:%[0-9]+]] = call i64 @raw_write(i32 noundef %{{[0-9]+}}, ptr noundef [[B:%[0-9]+]], i64 noundef %{{[0-9]+}})
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store|call}}
; CHECK: icmp slt i64 [[W]], 0
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store|call}}
; CHECK: call void @__umsan_copy_out_check(ptr [[B]], i64 %{{[0-9]+}})

; CHECK: call i32 @dev_read(ptr noundef [[P:%[0-9]+]], i32 noundef
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store|call}}
; CHECK: call void @__umsan_unpoison(ptr [[P]], i64 %{{[0-9]+}})
; CHECK: ret i64
