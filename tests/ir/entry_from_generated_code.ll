; A function whose address is taken may be called by code generated at run
; time (a JIT): when no tag names it and the program has made executable
; memory (`__umsan_exec_mapped`), its entry gives the runtime its return
; address and each pointer argument (not integers), after the entry
; block's allocas. A function only called directly gets nothing, nor does
; one whose address is taken but that has no pointer parameter.
; PASS-OPTIONS: track-origins=0
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@table = global [2 x ptr] [ptr @callback, ptr @no_pointers]

define void @callback(ptr %blk, i64 %n, ptr %frame) {
entry:
  %slot = alloca i64, align 8
  store i64 %n, ptr %slot, align 8
  ret void
}

define void @no_pointers(i64 %n) {
entry:
  ret void
}

define void @direct_only(ptr %p) {
entry:
  ret void
}

define void @caller(ptr %p) {
entry:
  call void @direct_only(ptr %p)
  ret void
}

; CHECK-LABEL: define void @callback(
; CHECK: %[[TAG:.*]] = load ptr, ptr @__umsan_param_tag
; CHECK: %[[OURS:.*]] = icmp eq ptr %[[TAG]], @callback
; CHECK: alloca i64
; CHECK: %[[FLAG:.*]] = load atomic i8, ptr @__umsan_exec_mapped monotonic
; CHECK: %[[RA:.*]] = call ptr @llvm.returnaddress(i32 0)
; CHECK-DAG: call void @__umsan_entry_from_generated_code(ptr %[[RA]], ptr %blk)
; CHECK-DAG: call void @__umsan_entry_from_generated_code(ptr %[[RA]], ptr %frame)
; CHECK-LABEL: define void @no_pointers(
; CHECK-NOT: __umsan_entry_from_generated_code(
; CHECK-LABEL: define void @direct_only(
; CHECK-NOT: __umsan_entry_from_generated_code(
; CHECK-LABEL: define void @caller(
