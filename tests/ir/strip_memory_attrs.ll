; Instrumented code reads and writes the shadow TLS and shadow memory, so
; memory-effect attributes inferred before instrumentation (memory(none),
; readonly, ...) must be dropped from instrumented functions and calls;
; otherwise later optimizations reuse stale retval/param shadows.
; (At -O2, clang's FunctionAttrs marks small leaf functions memory(none).)
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define internal { i64, i64 } @swap(i64 %a, i64 %b) #0 {
  %s0 = insertvalue { i64, i64 } poison, i64 %b, 0
  %s1 = insertvalue { i64, i64 } %s0, i64 %a, 1
  ret { i64, i64 } %s1
}

define internal i32 @peek(ptr %p) #1 {
  %v = load i32, ptr %p, align 4
  ret i32 %v
}

define i64 @caller(i64 %x, i64 %y, ptr %p) {
  %r = call { i64, i64 } @swap(i64 %x, i64 %y) #0
  %r1 = extractvalue { i64, i64 } %r, 1
  %v = call i32 @peek(ptr %p) #1
  %w = sext i32 %v to i64
  %s = add i64 %r1, %w
  ret i64 %s
}

attributes #0 = { nounwind willreturn memory(none) }
attributes #1 = { nounwind willreturn memory(argmem: read) }

; CHECK-LABEL: define internal { i64, i64 } @swap(
; CHECK-LABEL: define internal i32 @peek(
; CHECK-LABEL: define i64 @caller(
; CHECK: call { i64, i64 } @swap(
; CHECK: @__umsan_retval_tls
; CHECK: call i32 @peek(
; CHECK: @__umsan_retval_tls
; CHECK-NOT: memory(none)
; CHECK-NOT: memory(argmem: read)
