; With track-origins=1, a load's origin is loaded only when the loaded
; shadow has a bit set: in a cold block right after the load, whose value
; meets 0 in a phi. The warning gets that phi. (@test returns the value:
; the return slot's origin is a use on the hot path.)
; When only reports use the origin, and nothing between the load and them
; may write memory, the origin is loaded in the report's block instead
; (@sunk; a store of the program's on the way writes no origin: @stored_between):
; the same bytes, no test and no branch on the hot path. A call on the way
; may write origins: the lazy load stays (@call_between); the end of a
; local's lifetime writes nothing (@lifetime_between). Origins that reach
; the reports through the selects combining them (`a + b` takes `b`'s
; origin when `b` is poisoned) are loaded there too, the select repeated in
; the report's block: no phi and no select on the hot path (@sunk_select).
; An origin stored into an argument's (or the return value's) origin slot
; is stored there by the cold block itself when nothing between the load
; and the slot store may write the slot: no phi, no store on the hot path
; (@slot_stored; the slot keeps an older origin when the shadow is clean,
; and nobody reads it then). A call between writes the slots: the store
; stays after it (@slot_call_between).
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @hit()

define i32 @test(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  %c = icmp eq i32 %v, 0
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret i32 %v
}

; CHECK-LABEL: define i32 @test(
; CHECK: [[S:%[0-9]+]] = load i32, ptr %{{[^ ]+}}, align 4
; CHECK-NEXT: [[P:%[^ ]+]] = icmp ne i32 [[S]], 0
; CHECK: br i1 [[P]], label %[[COLD:[^ ,]+]], label %[[JOIN:[^ ,]+]]
; CHECK: [[JOIN]]:
; CHECK-NEXT: [[O:%[^ ]+]] = phi i32 [ [[L:%[^ ]+]], %[[COLD]] ], [ 0, %{{[^ ]+}} ]
; CHECK: store i32 [[O]], ptr @__umsan_retval_origin_tls
; CHECK: call preserve_mostcc void @__umsan_maybe_warning(i32 %{{[^ ]+}}, i32 [[O]])
; CHECK: [[COLD]]:
; CHECK-NEXT: [[L]] = load i32, ptr %{{[^ ]+}}, align 4
; CHECK-NEXT: br label %[[JOIN]]

define void @sunk(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  %c = icmp eq i32 %v, 0
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @sunk(
; CHECK-NOT: phi i32
; CHECK: %v = load i32, ptr %p, align 4
; CHECK: [[OA:%[^ ]+]] = add i64 %{{[^ ]+}}, 17592186044416
; CHECK-NEXT: [[A:%[^ ]+]] = inttoptr i64 [[OA]] to ptr
; CHECK-NOT: load i32, ptr [[A]]
; CHECK: ret void
; CHECK: [[O:%[^ ]+]] = load i32, ptr [[A]], align 4
; CHECK-NEXT: call preserve_mostcc void @__umsan_maybe_warning(i32 %{{[^ ]+}}, i32 [[O]])

define void @stored_between(ptr %p, ptr %q) {
entry:
  %v = load i32, ptr %p, align 4
  store i32 1, ptr %q, align 4
  %c = icmp eq i32 %v, 0
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @stored_between(
; CHECK-NOT: phi i32
; CHECK: ret void

define void @call_between(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  call void @hit()
  %c = icmp eq i32 %v, 0
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @call_between(
; CHECK: phi i32 [ %{{[^ ]+}}, %{{[^ ]+}} ], [ 0, %{{[^ ]+}} ]
; CHECK: ret void

declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)
declare void @fill(ptr)

define void @lifetime_between(ptr %p) {
entry:
  %slot = alloca [64 x i8], align 16
  call void @llvm.lifetime.start.p0(i64 64, ptr %slot)
  call void @fill(ptr %slot)
  %v = load i32, ptr %p, align 4
  call void @llvm.lifetime.end.p0(i64 64, ptr %slot)
  %c = icmp eq i32 %v, 0
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @lifetime_between(
; CHECK: call void @llvm.lifetime.end.p0
; CHECK-NOT: phi i32
; CHECK: ret void
; CHECK: [[O:%[^ ]+]] = load i32, ptr %{{[^ ]+}}, align 4
; CHECK-NEXT: call preserve_mostcc void @__umsan_maybe_warning(i32 %{{[^ ]+}}, i32 [[O]])

define void @sunk_select(ptr %p, ptr %q) {
entry:
  %a = load i32, ptr %p, align 4
  %b = load i32, ptr %q, align 4
  %s = add i32 %a, %b
  %c = icmp eq i32 %s, 0
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @sunk_select(
; CHECK-NOT: phi i32
; CHECK-NOT: select i1 %{{[^ ]+}}, i32
; CHECK: ret void
; CHECK: [[OA:%[^ ]+]] = load i32, ptr %{{[^ ]+}}, align 4
; CHECK: [[OB:%[^ ]+]] = load i32, ptr %{{[^ ]+}}, align 4
; CHECK-NEXT: [[O:%[^ ]+]] = select i1 %{{[^ ]+}}, i32 [[OB]], i32 [[OA]]
; CHECK-NEXT: call preserve_mostcc void @__umsan_maybe_warning(i32 %{{[^ ]+}}, i32 [[O]])

declare void @take(i32)

define void @slot_stored(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  call void @take(i32 %v)
  ret void
}

; CHECK-LABEL: define void @slot_stored(
; CHECK: [[S:%[0-9]+]] = load i32, ptr %{{[^ ]+}}, align 4
; CHECK: br i1 %{{[^ ]+}}, label %[[COLD:[^ ,]+]], label %[[JOIN:[^ ,]+]]
; CHECK: [[JOIN]]:
; CHECK-NOT: phi
; CHECK-NOT: @__umsan_param_origin_tls
; CHECK: call void @take(
; CHECK: [[COLD]]:
; CHECK-NEXT: [[L:%[^ ]+]] = load i32, ptr %{{[^ ]+}}, align 4
; CHECK-NEXT: store i32 [[L]], ptr @__umsan_param_origin_tls, align 4
; CHECK-NEXT: br label %[[JOIN]]

define void @slot_call_between(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  call void @hit()
  call void @take(i32 %v)
  ret void
}

; CHECK-LABEL: define void @slot_call_between(
; CHECK: [[O:%[^ ]+]] = phi i32 [ %{{[^ ]+}}, %{{[^ ]+}} ], [ 0, %{{[^ ]+}} ]
; CHECK: call void @hit()
; CHECK: store i32 [[O]], ptr @__umsan_param_origin_tls, align 4
; CHECK: call void @take(
