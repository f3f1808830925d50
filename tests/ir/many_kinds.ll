; A function containing many instruction kinds (generated from C by clang-19 -O2):
; the instrumented module must pass the verifier (opt runs it) and keep
; every function.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fp = internal global ptr null, align 8
@g = dso_local local_unnamed_addr global i32 0, align 4

; Function Attrs: mustprogress nofree noinline norecurse nosync nounwind willreturn memory(none) uwtable
define dso_local { i64, double } @mk(i64 noundef %a, double noundef %b) local_unnamed_addr #0 {
entry:
  %.fca.0.insert = insertvalue { i64, double } poison, i64 %a, 0
  %.fca.1.insert = insertvalue { i64, double } %.fca.0.insert, double %b, 1
  ret { i64, double } %.fca.1.insert
}

; Function Attrs: nounwind uwtable
define dso_local range(i32 -536871917, 1968527682) i32 @many(ptr noundef %a, i32 noundef %n, ptr nocapture noundef readonly %bytes, ptr nocapture noundef %h, double noundef %d, <4 x i32> noundef %v, ptr nocapture noundef %at) local_unnamed_addr #1 {
entry:
  %buf = alloca [64 x i8], align 16
  %cmp130 = icmp sgt i32 %n, 0
  br i1 %cmp130, label %for.body.lr.ph, label %for.cond.cleanup

for.body.lr.ph:                                   ; preds = %entry
  %or = or i32 %n, 1
  %wide.trip.count = zext nneg i32 %n to i64
  br label %for.body

for.cond.cleanup:                                 ; preds = %for.inc, %entry
  %acc.0.lcssa = phi i32 [ 0, %entry ], [ %acc.1, %for.inc ]
  %mul31 = mul <4 x i32> %v, <i32 3, i32 poison, i32 3, i32 poison>
  %splat.splatinsert = insertelement <4 x i32> poison, i32 %acc.0.lcssa, i64 0
  %splat.splat = shufflevector <4 x i32> %splat.splatinsert, <4 x i32> poison, <4 x i32> <i32 0, i32 poison, i32 0, i32 poison>
  %add32 = add <4 x i32> %splat.splat, %mul31
  %shuffle = shufflevector <4 x i32> %add32, <4 x i32> %v, <4 x i32> <i32 0, i32 5, i32 2, i32 7>
  %and33 = and i32 %n, 3
  %vecext = extractelement <4 x i32> %shuffle, i32 %and33
  %add34 = add nsw i32 %vecext, %acc.0.lcssa
  %conv35 = sext i32 %add34 to i64
  %call = tail call { i64, double } @mk(i64 noundef %conv35, double noundef %d)
  call void @llvm.lifetime.start.p0(i64 64, ptr nonnull %buf) #5
  call void @llvm.memcpy.p0.p0.i64(ptr noundef nonnull align 16 dereferenceable(64) %buf, ptr noundef nonnull align 1 dereferenceable(64) %bytes, i64 64, i1 false)
  %add.ptr = getelementptr inbounds i8, ptr %buf, i64 8
  store i64 0, ptr %add.ptr, align 8
  %and37 = and i32 %n, 63
  %idxprom38 = zext nneg i32 %and37 to i64
  %arrayidx39 = getelementptr inbounds [64 x i8], ptr %buf, i64 0, i64 %idxprom38
  %0 = load i8, ptr %arrayidx39, align 1, !tbaa !5
  %1 = atomicrmw add ptr %at, i32 1 seq_cst, align 4
  %conv40 = sext i8 %0 to i32
  %2 = extractvalue { i64, double } %call, 0
  %conv43 = trunc i64 %2 to i32
  %3 = extractvalue { i64, double } %call, 1
  %conv44 = fptosi double %3 to i32
  %add41 = add i32 %add34, %conv44
  %add45 = add i32 %add41, %conv43
  %add46 = add i32 %add45, %conv40
  %add47 = add nsw i32 %add46, %1
  %reass.add = shl i32 %add47, 1
  %add55 = add i32 %reass.add, %add34
  %4 = load volatile ptr, ptr @fp, align 8, !tbaa !8
  %tobool56.not = icmp eq ptr %4, null
  br i1 %tobool56.not, label %if.end60, label %if.then57

for.body:                                         ; preds = %for.body.lr.ph, %for.inc
  %indvars.iv = phi i64 [ 0, %for.body.lr.ph ], [ %indvars.iv.next, %for.inc ]
  %acc.0132 = phi i32 [ 0, %for.body.lr.ph ], [ %acc.1, %for.inc ]
  %arrayidx = getelementptr inbounds i32, ptr %a, i64 %indvars.iv
  %5 = load i32, ptr %arrayidx, align 4, !tbaa !10
  %and = and i32 %5, 7
  switch i32 %and, label %sw.default [
    i32 0, label %sw.bb
    i32 1, label %sw.bb3
    i32 2, label %sw.bb6
    i32 3, label %sw.bb11
    i32 4, label %sw.bb18
  ]

sw.bb:                                            ; preds = %for.body
  %div = sdiv i32 %5, %or
  %add = add nsw i32 %div, %acc.0132
  br label %for.inc

sw.bb3:                                           ; preds = %for.body
  %arrayidx5 = getelementptr inbounds i8, ptr %bytes, i64 %indvars.iv
  %6 = load i8, ptr %arrayidx5, align 1, !tbaa !5
  %conv = zext i8 %6 to i32
  %shl = shl nuw nsw i32 %conv, 3
  %xor = xor i32 %shl, %acc.0132
  br label %for.inc

sw.bb6:                                           ; preds = %for.body
  %conv9 = sitofp i32 %5 to double
  %mul = fmul double %conv9, %d
  %conv10 = fptosi double %mul to i32
  %sub = sub nsw i32 %acc.0132, %conv10
  br label %for.inc

sw.bb11:                                          ; preds = %for.body
  %acc.0. = tail call i32 @llvm.smax.i32(i32 %acc.0132, i32 %5)
  br label %for.inc

sw.bb18:                                          ; preds = %for.body
  %bf.load = load i32, ptr %h, align 4
  %bf.lshr = lshr i32 %bf.load, 8
  %bf.clear = and i32 %bf.lshr, 4095
  %bf.lshr20 = lshr i32 %bf.load, 3
  %bf.clear21 = and i32 %bf.lshr20, 31
  %add22 = add i32 %bf.clear21, %acc.0132
  %add23 = add i32 %add22, %bf.clear
  %bf.value = and i32 %add23, 7
  %bf.clear25 = and i32 %bf.load, -8
  %bf.set = or disjoint i32 %bf.value, %bf.clear25
  store i32 %bf.set, ptr %h, align 4
  br label %for.inc

sw.default:                                       ; preds = %for.body
  %7 = ptrtoint ptr %arrayidx to i64
  %conv28 = trunc i64 %7 to i32
  %and29 = and i32 %conv28, 1
  %or30 = or i32 %and29, %acc.0132
  br label %for.inc

for.inc:                                          ; preds = %sw.bb, %sw.bb3, %sw.bb6, %sw.bb11, %sw.bb18, %sw.default
  %acc.1 = phi i32 [ %or30, %sw.default ], [ %add23, %sw.bb18 ], [ %acc.0., %sw.bb11 ], [ %sub, %sw.bb6 ], [ %xor, %sw.bb3 ], [ %add, %sw.bb ]
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, %wide.trip.count
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body, !llvm.loop !12

if.then57:                                        ; preds = %for.cond.cleanup
  %8 = load volatile ptr, ptr @fp, align 8, !tbaa !8
  %call58 = tail call i32 %8(i32 noundef %add55) #5
  %add59 = add nsw i32 %call58, %add55
  br label %if.end60

if.end60:                                         ; preds = %if.then57, %for.cond.cleanup
  %acc.3 = phi i32 [ %add59, %if.then57 ], [ %add55, %for.cond.cleanup ]
  %conv61 = sitofp i32 %acc.3 to float
  %conv62 = fpext float %conv61 to double
  %cmp63 = fcmp ogt double %conv62, %d
  %cmp65 = icmp ne i32 %acc.3, 0
  %or.cond = and i1 %cmp65, %cmp63
  br i1 %or.cond, label %if.then67, label %if.end68

if.then67:                                        ; preds = %if.end60
  store i32 %acc.3, ptr @g, align 4, !tbaa !10
  br label %if.end68

if.end68:                                         ; preds = %if.then67, %if.end60
  %rem = srem i32 %acc.3, 1000
  %div69 = udiv i32 %acc.3, 3
  %add70 = add nsw i32 %rem, %div69
  %shr = ashr i32 %acc.3, 2
  %add71 = add nsw i32 %add70, %shr
  %conv72 = sext i32 %acc.3 to i64
  %mul73 = mul nsw i64 %conv72, 5
  %rem74 = srem i64 %mul73, 7
  %conv75 = trunc nsw i64 %rem74 to i32
  %add76 = add nsw i32 %add71, %conv75
  call void @llvm.lifetime.end.p0(i64 64, ptr nonnull %buf) #5
  ret i32 %add76
}

; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture) #2

; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.end.p0(i64 immarg, ptr nocapture) #2

; Function Attrs: mustprogress nocallback nofree nounwind willreturn memory(argmem: readwrite)
declare void @llvm.memcpy.p0.p0.i64(ptr noalias nocapture writeonly, ptr noalias nocapture readonly, i64, i1 immarg) #3

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare i32 @llvm.smax.i32(i32, i32) #4

attributes #0 = { mustprogress nofree noinline norecurse nosync nounwind willreturn memory(none) uwtable "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nounwind uwtable "min-legal-vector-width"="128" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #2 = { mustprogress nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #3 = { mustprogress nocallback nofree nounwind willreturn memory(argmem: readwrite) }
attributes #4 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
attributes #5 = { nounwind }

!llvm.module.flags = !{!0, !1, !2, !3}
!llvm.ident = !{!4}

!0 = !{i32 1, !"wchar_size", i32 4}
!1 = !{i32 8, !"PIC Level", i32 2}
!2 = !{i32 7, !"PIE Level", i32 2}
!3 = !{i32 7, !"uwtable", i32 2}
!4 = !{!"Debian clang version 19.1.7 (3~deb12u1)"}
!5 = !{!6, !6, i64 0}
!6 = !{!"omnipotent char", !7, i64 0}
!7 = !{!"Simple C/C++ TBAA"}
!8 = !{!9, !9, i64 0}
!9 = !{!"any pointer", !6, i64 0}
!10 = !{!11, !11, i64 0}
!11 = !{!"int", !6, i64 0}
!12 = distinct !{!12, !13}
!13 = !{!"llvm.loop.mustprogress"}

; CHECK-LABEL: define {{.*}} @mk(
; CHECK-LABEL: define {{.*}} @many(
; CHECK-DAG: call preserve_mostcc void @__umsan_warning{{(_noorigin)?}}(
; CHECK-DAG: ret i32
