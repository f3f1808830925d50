; Direct calls to malloc & co. go to the runtime wrappers.
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
