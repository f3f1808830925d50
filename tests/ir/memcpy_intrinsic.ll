; llvm.memcpy / llvm.memmove / llvm.memset also move (or clean) shadow:
; through the runtime or inline shadow copies.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

define void @copies(ptr %d, ptr %s, i64 %n) {
entry:
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  call void @llvm.memset.p0.i64(ptr %d, i8 0, i64 %n, i1 false)
  ret void
}

; The shadow operation may be a runtime call or an inline intrinsic on shadow
; addresses; it may also replace the original call (__umsan_memcpy copies both).
; CHECK-LABEL: define void @copies(
; CHECK: {{@__umsan_memcpy\(|@__umsan_move_shadow\(|@llvm.mem(cpy|move).p0.p0.i64\(ptr (align [0-9]+ )?%[0-9]+}}
; CHECK: {{@__umsan_memmove\(|@__umsan_move_shadow\(|@llvm.memmove.p0.p0.i64\(ptr (align [0-9]+ )?%[0-9]+}}
; CHECK: {{@__umsan_memset\(|@__umsan_unpoison\(|@llvm.memset.p0.i64\(ptr (align [0-9]+ )?%[0-9]+, i8 0}}
; CHECK: ret void
