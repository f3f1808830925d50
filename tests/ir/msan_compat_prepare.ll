; msan-compat, the prepare step: clang's front end (told that memory is
; sanitized) gave `sanitize_memory` to every function MemorySanitizer would
; instrument; one without it (no_sanitize("memory"), an ignorelist entry)
; becomes "umsan-no-sanitize", `sanitize_memory` goes from all of them (the
; optimizer then sees the module as without msan-compat), and calls
; between the two kinds are kept from being inlined, as LLVM keeps
; `sanitize_memory` and plain functions apart.
; PASSES: umsan-prepare
; PASS-OPTIONS: msan-compat=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define internal i32 @unchecked(ptr %p) {
  %v = load i32, ptr %p, align 4
  %w = call i32 @checked_helper(i32 %v)
  ret i32 %w
}

define internal i32 @checked_helper(i32 %x) #0 {
  %y = add i32 %x, 1
  ret i32 %y
}

define i32 @checked(ptr %p) #0 {
  %a = call i32 @unchecked(ptr %p)
  %b = call i32 @checked_helper(i32 %a)
  ret i32 %b
}

attributes #0 = { sanitize_memory }

; CHECK-LABEL: define internal i32 @unchecked(ptr %p)
; CHECK-SAME: [[NS:#[0-9]+]]
; CHECK: call i32 @checked_helper(i32 %v) [[NOINLINE:#[0-9]+]]
; CHECK-LABEL: define internal i32 @checked_helper(i32 %x)
; CHECK-NOT: sanitize_memory
; CHECK-LABEL: define i32 @checked(ptr %p)
; CHECK: call i32 @unchecked(ptr %p) [[NOINLINE]]
; CHECK: call i32 @checked_helper(i32 %a){{$}}
; CHECK-NOT: sanitize_memory
; CHECK-DAG: attributes [[NS]] = { "umsan-no-sanitize" }
; CHECK-DAG: attributes [[NOINLINE]] = { noinline }
