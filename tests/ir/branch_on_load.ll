; A conditional branch on a loaded value: the load gets a shadow load after it
; (shadow address = addr ^ 0x500000000000 = 87960930222080) and the branch a
; check that calls __umsan_warning.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @hit()

define void @test(ptr %p) {
entry:
  %v = load i32, ptr %p, align 4
  %c = icmp sgt i32 %v, 10
  br i1 %c, label %then, label %done
then:
  call void @hit()
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @test(
; CHECK: load i32, ptr %p
; CHECK: xor i64 {{.*}}, 87960930222080
; CHECK-DAG: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK-DAG: br i1 %c, label %then, label %done
; CHECK-DAG: ret void
; CHECK-LABEL: declare preserve_mostcc void @__umsan_warning(
