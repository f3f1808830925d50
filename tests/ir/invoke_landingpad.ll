; C++ exception handling (Itanium): an `invoke` stores its arguments'
; shadows before it, like a call; its result's shadow is read at the start
; of its normal destination — a block of its own: when that block has other
; predecessors the edge is split (and the destination's phis name the new
; block) — so nothing runs on the unwind edge. A `landingpad` is clean and
; drops the tags; `resume` leaves the frame, so the frame's stack slots are
; cleaned before it, as before a `ret`. None of them takes the strict
; fallback (which would check the invoke's arguments).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @ext(i32)
declare void @use(ptr)
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define i32 @shared_dest(
define i32 @shared_dest(i1 %c, ptr %p) personality ptr @__gxx_personality_v0 {
entry:
  %v = load i32, ptr %p, align 4
  br i1 %c, label %call, label %join
call:
; The argument's shadow and the tag go before the invoke, not checked.
; CHECK: store i32 {{.*}}, ptr @__umsan_param_tls
; CHECK: store ptr @ext, ptr @__umsan_param_tag
; CHECK-NEXT: %r = invoke i32 @ext(i32 %v)
; CHECK-NEXT: to label %[[CONT:[^ ]+]] unwind label %lpad
  %r = invoke i32 @ext(i32 %v)
          to label %join unwind label %lpad
; The return shadow is read on the normal edge only, in a block of its own.
; CHECK: [[CONT]]:
; CHECK: load ptr, ptr @__umsan_retval_tag
; CHECK: load i32, ptr @__umsan_retval_tls
; CHECK: br label %
join:
; CHECK: %m = phi i32 [ %r, %[[CONT]] ], [ 0, %entry ]
  %m = phi i32 [ %r, %call ], [ 0, %entry ]
  %b = icmp sgt i32 %m, 3
  br i1 %b, label %yes, label %no
yes:
  ret i32 1
no:
  ret i32 0
lpad:
; CHECK: lpad:
; CHECK-NEXT: %lp = landingpad { ptr, i32 }
; CHECK-NEXT: cleanup
; CHECK-NEXT: store ptr null, ptr @__umsan_param_tag
; CHECK-NEXT: store ptr null, ptr @__umsan_retval_tag
  %lp = landingpad { ptr, i32 }
          cleanup
  resume { ptr, i32 } %lp
}

; CHECK-LABEL: define void @cleanup_frame(
define void @cleanup_frame() personality ptr @__gxx_personality_v0 {
entry:
  %buf = alloca [16 x i8], align 8
  invoke void @use(ptr %buf)
          to label %ok unwind label %lpad
ok:
  ret void
lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
; The slot's shadow is cleaned before the frame is left by `resume`.
; CHECK: lpad:
; CHECK: call void @llvm.memset.p0.i64(ptr {{.*}}, i8 0, i64 16
; CHECK: resume { ptr, i32 } %lp
  resume { ptr, i32 } %lp
}
