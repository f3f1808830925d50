; Code compiled -fPIE (or not position-independent at all) can only be part
; of an executable, into which the runtime and its thread-locals are linked
; statically: the shadow slots are reached local-exec (%fs:sym@TPOFF, one
; instruction, no register). tls_model_pic.ll: the -fPIC case.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @g(i32)

define i32 @f(i32 %x) {
  %r = call i32 @g(i32 %x)
  ret i32 %r
}

!llvm.module.flags = !{!0, !1}
!0 = !{i32 8, !"PIC Level", i32 2}
!1 = !{i32 7, !"PIE Level", i32 2}

; CHECK-DAG: @__umsan_param_tls = external thread_local(localexec) global
; CHECK-DAG: @__umsan_retval_tls = external thread_local(localexec) global
; CHECK-DAG: @__umsan_param_tag = external thread_local(localexec) global
; CHECK-NOT: initialexec
