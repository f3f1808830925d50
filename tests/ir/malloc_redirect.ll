; Direct calls to malloc & co. go to the runtime wrappers. An indirect call
; with malloc's, calloc's or realloc's type goes to the wrapper when its
; pointer holds that function (@through_pointer; @other_type: no compare).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare void @free(ptr)

define ptr @alloc(i64 %n) {
entry:
  %p = call ptr @malloc(i64 %n)
  %q = call ptr @calloc(i64 %n, i64 4)
  call void @free(ptr %q)
  ret ptr %p
}

; CHECK-LABEL: define ptr @alloc(
; CHECK: call ptr @__umsan_malloc(i64 %n)
; CHECK: call ptr @__umsan_calloc(i64 %n, i64 4)
; CHECK: call void @__umsan_free(
; CHECK-NOT: call ptr @malloc

define ptr @through_pointer(ptr %fp, ptr %rp, i64 %n) {
entry:
  %p = call ptr %fp(i64 %n)
  %r = call ptr %rp(ptr %p, i64 %n)
  ret ptr %r
}

; CHECK-LABEL: define ptr @through_pointer(
; CHECK: [[IS:%[^ ]+]] = icmp eq ptr %fp, @malloc
; CHECK-NEXT: [[T:%[^ ]+]] = select i1 [[IS]], ptr @__umsan_malloc, ptr %fp
; CHECK: call ptr [[T]](i64 %n)
; CHECK: [[IS2:%[^ ]+]] = icmp eq ptr %rp, @realloc
; CHECK-NEXT: [[T2:%[^ ]+]] = select i1 [[IS2]], ptr @__umsan_realloc, ptr %rp
; CHECK: call ptr [[T2]](ptr %p, i64 %n)

define i32 @other_type(ptr %fp, i32 %n) {
entry:
  %v = call i32 %fp(i32 %n)
  ret i32 %v
}

; CHECK-LABEL: define i32 @other_type(
; CHECK-NOT: icmp eq ptr %fp
; CHECK: call i32 %fp(i32 %n)
