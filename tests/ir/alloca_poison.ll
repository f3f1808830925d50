; A stack slot is poisoned when it comes into scope (at entry here), via the
; runtime or an inline shadow store of all-ones.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @fill(ptr)

define i32 @local() {
entry:
  %buf = alloca [16 x i32], align 16
  call void @fill(ptr %buf)
  %v = load i32, ptr %buf, align 16
  ret i32 %v
}

; CHECK-LABEL: define i32 @local(
; CHECK: %buf = alloca [16 x i32]
; CHECK: {{call void @__umsan_poison_stack\(ptr %buf|call void @__umsan_poison\(ptr %buf|call void @llvm.memset.*i8 -1|store .* -1}}
; CHECK: call void @fill(ptr %buf)
; CHECK: ret i32 %v
