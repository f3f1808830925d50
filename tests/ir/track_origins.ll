; With track-origins=1, origins travel with shadows: loads read the origin
; map, and the warning gets a real origin.
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @hit()

define void @test(ptr %p) {
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

; The origin of the loaded value comes from the origin map
; ((addr ^ 0x500000000000) + 0x100000000000) & ~3, and the warning receives
; it (not a constant 0).
; CHECK-LABEL: define void @test(
; CHECK-DAG: call preserve_mostcc void @__umsan_warning(i32 poison, i32 poison, i32 poison, i32 poison, i32 poison, i32 %{{[^ ]+}})
; CHECK-LABEL: declare preserve_mostcc void @__umsan_warning(
