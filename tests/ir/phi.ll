; A phi gets a shadow phi with one incoming shadow per predecessor.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @count(ptr %a, i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi i32 [ 0, %entry ], [ %acc.next, %loop ]
  %p = getelementptr inbounds i32, ptr %a, i32 %i
  %x = load i32, ptr %p, align 4
  %acc.next = add i32 %acc, %x
  %i.next = add i32 %i, 1
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %exit
exit:
  ret i32 %acc.next
}

; CHECK-LABEL: define i32 @count(
; CHECK-DAG: %i = phi i32 [ 0, %{{[^ ]+}} ], [ %i.next, %{{[^ ]+}} ]
; CHECK-DAG: %acc = phi i32 [ 0, %{{[^ ]+}} ], [ %acc.next, %{{[^ ]+}} ]
; CHECK-DAG: = phi i32 [ {{[^,]+}}, %{{[^ ]+}} ], [ %{{[^ ]+}}, %{{[^ ]+}} ]
; CHECK-DAG: = phi i32 [ {{[^,]+}}, %{{[^ ]+}} ], [ %{{[^ ]+}}, %{{[^ ]+}} ]
; CHECK: ret i32 %acc.next
