; extractvalue / insertvalue on a struct: the shadow is an aggregate of
; shadows, handled with the same indices.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i64 @second({ i32, i64 } %s) {
entry:
  %b = extractvalue { i32, i64 } %s, 1
  ret i64 %b
}

define { i32, i64 } @build(i32 %a, i64 %b) {
entry:
  %s0 = insertvalue { i32, i64 } poison, i32 %a, 0
  %s1 = insertvalue { i32, i64 } %s0, i64 %b, 1
  ret { i32, i64 } %s1
}

; CHECK-LABEL: define i64 @second(
; CHECK-DAG: extractvalue { i32, i64 } %s, 1
; CHECK-DAG: extractvalue { i32, i64 } %{{[^ ]+}}, 1
; CHECK-DAG: ret i64 %b
; CHECK-LABEL: define { i32, i64 } @build(
; CHECK-DAG: insertvalue { i32, i64 } {{.*}}, i32 %{{[^ ]+}}, 0
; CHECK-DAG: insertvalue { i32, i64 } {{.*}}, i32 %{{[^ ]+}}, 0
; CHECK-DAG: insertvalue { i32, i64 } {{.*}}, i64 %{{[^ ]+}}, 1
; CHECK-DAG: insertvalue { i32, i64 } {{.*}}, i64 %{{[^ ]+}}, 1
; CHECK-DAG: ret { i32, i64 } %s1
