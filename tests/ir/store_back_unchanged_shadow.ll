; `count[x]++`: a plain store of a value whose shadow is the shadow just
; loaded from the same address, with nothing in between that may write
; memory, would write back the shadow (and origin) bytes it read: the pass
; stores nothing. Anything that may write in between (a store, a call), a
; block boundary, another address or a volatile access keeps the store.
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @f()

define void @inc(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  %n = add i32 %v, 1
  store i32 %n, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define void @inc(
; CHECK: load i32, ptr %p
; CHECK-NOT: store
; CHECK: store i32 %n, ptr %p
; CHECK-NOT: store i32
; CHECK: ret void

define void @store_between(ptr %p, ptr %q) {
entry:
  %v = load i32, ptr %p, align 4
  store i32 0, ptr %q, align 4
  %n = add i32 %v, 1
  store i32 %n, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define void @store_between(
; CHECK: load i32, ptr %p
; CHECK: [[S1:%[0-9]+]] = load i32, ptr %{{[0-9]+}}, align 4
; CHECK: store i32 0, ptr %q
; CHECK: store i32 %n, ptr %p
; CHECK: store i32 [[S1]], ptr

define void @call_between(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  call void @f()
  %n = add i32 %v, 1
  store i32 %n, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define void @call_between(
; CHECK: [[S2:%[0-9]+]] = load i32, ptr %{{[0-9]+}}, align 4
; CHECK: call void @f()
; CHECK: store i32 %n, ptr %p
; CHECK: store i32 [[S2]], ptr

define void @other_block(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  br label %next
next:
  %n = add i32 %v, 1
  store i32 %n, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define void @other_block(
; CHECK: [[S3:%[0-9]+]] = load i32, ptr %{{[0-9]+}}, align 4
; CHECK: store i32 %n, ptr %p
; CHECK: store i32 [[S3]], ptr

define void @other_address(ptr %p, ptr %q) {
entry:
  %v = load i32, ptr %p, align 4
  %n = add i32 %v, 1
  store i32 %n, ptr %q, align 4
  ret void
}

; CHECK-LABEL: define void @other_address(
; CHECK: [[S4:%[0-9]+]] = load i32, ptr %{{[0-9]+}}, align 4
; CHECK: store i32 %n, ptr %q
; CHECK: store i32 [[S4]], ptr

define void @volatile_store(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  %n = add i32 %v, 1
  store volatile i32 %n, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define void @volatile_store(
; CHECK: [[S5:%[0-9]+]] = load i32, ptr %{{[0-9]+}}, align 4
; CHECK: store i32 [[S5]], ptr
; CHECK: store volatile i32 %n, ptr %p

define void @changed_shadow(ptr %p, i32 %y) {
entry:
  %v = load i32, ptr %p, align 4
  %n = add i32 %v, %y
  store i32 %n, ptr %p, align 4
  ret void
}

; CHECK-LABEL: define void @changed_shadow(
; CHECK: [[S6:%[0-9]+]] = load i32, ptr %{{[0-9]+}}, align 4
; CHECK: [[O6:%[^ ]+]] = or i32 [[S6]],
; CHECK: store i32 %n, ptr %p
; CHECK: store i32 [[O6]], ptr
