; A model whose LEN index is past the function's parameters is an error
; naming the annotation's file and line (here: UMSAN_MEMCPY_LIKE(f, 0, 1, 3,
; none) on a 3-parameter function, at copy.c:12).
; EXPECT-ERROR: copy.c:12
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@.str = private unnamed_addr constant [29 x i8] c"umsan:memcpy_like:0:1:3:none\00", section "llvm.metadata"
@.file = private unnamed_addr constant [7 x i8] c"copy.c\00", section "llvm.metadata"
; The same models in both forms umsan.h has used: entries of
; @llvm.global.annotations (__attribute__((annotate))) and records in
; section "__umsan_models" kept alive by @llvm.compiler.used.
@llvm.global.annotations = appending global [1 x { ptr, ptr, ptr, i32, ptr }] [{ ptr, ptr, ptr, i32, ptr } { ptr @f, ptr @.str, ptr @.file, i32 12, ptr null }], section "llvm.metadata"
@umsan_model_record_0 = internal constant { ptr, ptr, ptr, i32 } { ptr @f, ptr @.str, ptr @.file, i32 12 }, section "__umsan_models", align 8
@llvm.compiler.used = appending global [1 x ptr] [ptr @umsan_model_record_0], section "llvm.metadata"

declare void @f(ptr, ptr, i64)

define void @g(ptr %d, ptr %s) {
  call void @f(ptr %d, ptr %s, i64 8)
  ret void
}
