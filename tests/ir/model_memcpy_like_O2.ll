; Function models at -O2: a function annotated UMSAN_MEMCPY_LIKE(copy_mc, 0,
; 1, 2, remaining) and defined in this module keeps its body exactly as it
; was (no __umsan reference inside its definition), and each modelled call is
; followed only by the model's runtime call on k bytes (__umsan_move_shadow /
; __umsan_copy_out_check / __umsan_unpoison), never by a data copy.
; Generated from C with `clang-19 -O2 -S -emit-llvm -D__UMSAN__=1 -I include`
; (tbaa/loop metadata trimmed):
;
;   size_t copy_mc(void *dst, const void *src, size_t len);
;   UMSAN_MEMCPY_LIKE(copy_mc, 0, 1, 2, remaining);
;   __attribute__((noinline)) size_t copy_mc(void *dst, const void *src, size_t len) {
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

; Function Attrs: nofree noinline norecurse nosync nounwind memory(argmem: readwrite) uwtable
define dso_local i64 @copy_mc(ptr nocapture noundef writeonly %0, ptr nocapture noundef readonly %1, i64 noundef %2) #0 {
  %4 = icmp eq i64 %2, 0
  br i1 %4, label %14, label %5

5:                                                ; preds = %3, %10
  %6 = phi i64 [ %12, %10 ], [ 0, %3 ]
  %7 = getelementptr inbounds i8, ptr %1, i64 %6
  %8 = load i8, ptr %7, align 1
  %9 = icmp eq i8 %8, -1
  br i1 %9, label %14, label %10

10:                                               ; preds = %5
  %11 = getelementptr inbounds i8, ptr %0, i64 %6
  store i8 %8, ptr %11, align 1
  %12 = add nuw i64 %6, 1
  %13 = icmp eq i64 %12, %2
  br i1 %13, label %14, label %5

14:                                               ; preds = %5, %10, %3
  %15 = phi i64 [ 0, %3 ], [ %2, %10 ], [ %6, %5 ]
  %16 = sub i64 %2, %15
  ret i64 %16
}

; Function Attrs: nounwind uwtable
define dso_local i64 @use(ptr noundef %0, ptr nocapture noundef readonly %1, i64 noundef %2, i32 noundef %3) local_unnamed_addr #1 {
  %5 = tail call i64 @copy_mc(ptr noundef %0, ptr noundef %1, i64 noundef %2)
  %6 = sub i64 %2, %5
  %7 = tail call i64 @raw_write(i32 noundef %3, ptr noundef %0, i64 noundef %6) #3
  %8 = trunc i64 %2 to i32
  %9 = tail call i32 @dev_read(ptr noundef %0, i32 noundef %8) #3
  ret i64 %5
}

declare i64 @raw_write(i32 noundef, ptr noundef, i64 noundef) #2

declare i32 @dev_read(ptr noundef, i32 noundef) #2

attributes #0 = { nofree noinline norecurse nosync nounwind memory(argmem: readwrite) uwtable "no-trapping-math"="true" "target-cpu"="x86-64" }
attributes #1 = { nounwind uwtable "no-trapping-math"="true" "target-cpu"="x86-64" }
attributes #2 = { "no-trapping-math"="true" "target-cpu"="x86-64" }
attributes #3 = { nounwind }

!llvm.module.flags = !{!0, !1, !2, !3}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 8, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 2}

; The modelled function's body is untouched.
; CHECK-LABEL: define dso_local i64 @copy_mc(
; CHECK-NOT: __umsan
; CHECK: %16 = sub i64 %2, %15
; CHECK-NEXT: ret i64 %16
; CHECK-NEXT: }

; memcpy_like, remaining: k = len - ret clamped to [0, len] (ret < 0: len),
; then only a metadata move of k bytes from src to dst.
; CHECK-LABEL: define dso_local i64 @use(
; CHECK: [[R:%[0-9]+]] = tail call i64 @copy_mc(ptr noundef %0, ptr noundef %1, i64 noundef %2)
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store}}
; CHECK: icmp slt i64 [[R]], 0
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store}}
; CHECK: icmp sgt i64 [[R]],
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store}}
; CHECK: call void @__umsan_move_shadow(ptr %0, ptr %1, i64 %{{[0-9]+}})

; copy_out, copied: k = ret clamped to [0, len], then a check of src[0..k).
; CHECK: [[W:%[0-9]+]] = tail call i64 @raw_write(i32 noundef %3, ptr noundef %0, i64 noundef [[LEN:%[0-9]+]])
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store|__umsan_warning}}
; CHECK: icmp slt i64 [[W]], 0
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store|__umsan_warning}}
; CHECK: call void @__umsan_copy_out_check(ptr %0, i64 %{{[0-9]+}})

; copy_in, none: k = len (an i32, sign-extended; negative: 0).
; CHECK: tail call i32 @dev_read(ptr noundef %0, i32 noundef [[L32:%[0-9]+]])
; CHECK-NEXT: [[L64:%[0-9]+]] = sext i32 [[L32]] to i64
; CHECK-NOT: {{@llvm.mem(cpy|move)|@memcpy|@memmove|store}}
; CHECK: call void @__umsan_unpoison(ptr %0, i64 %{{[0-9]+}})
; CHECK: ret i64 [[R]]

; Nothing else calls the modelled functions' bodies or copies data for them.
; CHECK-NOT: call {{.*}}@copy_mc(
