; The same model declared twice (a header included twice, a macro repeated)
; is fine; a modelled call whose result is unused still gets its effect on
; exactly k bytes, and a non-modelled declaration next to it is a normal call.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@.a = private unnamed_addr constant [27 x i8] c"umsan:copy_in:0:-:1:copied\00", section "llvm.metadata"
@.file = private unnamed_addr constant [5 x i8] c"io.c\00", section "llvm.metadata"
; The same models in both forms umsan.h has used: entries of
; @llvm.global.annotations (__attribute__((annotate))) and records in
; section "__umsan_models" kept alive by @llvm.compiler.used.
@llvm.global.annotations = appending global [2 x { ptr, ptr, ptr, i32, ptr }] [{ ptr, ptr, ptr, i32, ptr } { ptr @rd, ptr @.a, ptr @.file, i32 3, ptr null }, { ptr, ptr, ptr, i32, ptr } { ptr @rd, ptr @.a, ptr @.file, i32 9, ptr null }], section "llvm.metadata"
@umsan_model_record_0 = internal constant { ptr, ptr, ptr, i32 } { ptr @rd, ptr @.a, ptr @.file, i32 3 }, section "__umsan_models", align 8
@umsan_model_record_1 = internal constant { ptr, ptr, ptr, i32 } { ptr @rd, ptr @.a, ptr @.file, i32 9 }, section "__umsan_models", align 8
@llvm.compiler.used = appending global [2 x ptr] [ptr @umsan_model_record_0, ptr @umsan_model_record_1], section "llvm.metadata"

declare i64 @rd(ptr, i64)
declare i64 @other(ptr, i64)

define void @g(ptr %d) {
  %r = call i64 @rd(ptr %d, i64 8)
  %o = call i64 @other(ptr %d, i64 8)
  ret void
}

; CHECK-LABEL: define void @g(
; CHECK: %r = call i64 @rd(ptr %d, i64 8)
; CHECK-NOT: call
; CHECK: icmp slt i64 %r, 0
; CHECK-NOT: call
; CHECK: call void @__umsan_unpoison(ptr %d, i64 %{{[0-9]+}})
; CHECK: store ptr @other, ptr @__umsan_param_tag
; CHECK: %o = call i64 @other(ptr %d, i64 8)
; CHECK: @__umsan_retval_tag
