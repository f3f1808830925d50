; Code compiled -fPIC may go into a shared object: the runtime's
; thread-locals, in the executable, are reached initial-exec (through the
; GOT). tls_model_pie.ll: the -fPIE case.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @g(i32)

define i32 @f(i32 %x) {
  %r = call i32 @g(i32 %x)
  ret i32 %r
}

!llvm.module.flags = !{!0}
!0 = !{i32 8, !"PIC Level", i32 2}

; CHECK-DAG: @__umsan_param_tls = external thread_local(initialexec) global
; CHECK-DAG: @__umsan_retval_tls = external thread_local(initialexec) global
; CHECK-DAG: @__umsan_param_tag = external thread_local(initialexec) global
; CHECK-NOT: localexec
