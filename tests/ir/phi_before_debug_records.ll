; A phi the instrumentation puts at the start of a block (here: the stack
; origin's id after the first-use call) goes before the debug records
; attached to the block's first instruction: a phi carries none ("PHI Node
; must not have any attached DbgRecords" made the verifier drop the debug
; info of Lua's lvm.c read back from `-emit-llvm`). Reduced from lvm.c.
; opt verifies its output: the test fails if a phi has records.
; PASS-OPTIONS: track-origins=1
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.TValue = type { %union.Value, i8 }
%union.Value = type { ptr }

define void @luaV_execute() {
  %1 = alloca %struct.TValue, align 8
    #dbg_assign(i1 undef, !4, !DIExpression(), !19, ptr null, !DIExpression(), !20)
  ret void
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, enums: !2, retainedTypes: !2, globals: !2, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "lvm.c", directory: "", checksumkind: CSK_MD5, checksum: "93322d975ab9a6df269fe588d39264f1")
!2 = !{}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DILocalVariable(name: "key", scope: !5, file: !6, line: 1286, type: !16)
!5 = distinct !DILexicalBlock(scope: !7, file: !6, line: 1285, column: 14)
!6 = !DIFile(filename: "lvm.c", directory: "", checksumkind: CSK_MD5, checksum: "93322d975ab9a6df269fe588d39264f1")
!7 = distinct !DILexicalBlock(scope: !8, file: !6, line: 1282, column: 13)
!8 = distinct !DILexicalBlock(scope: !9, file: !6, line: 1277, column: 23)
!9 = distinct !DILexicalBlock(scope: !10, file: !6, line: 1181, column: 32)
!10 = distinct !DILexicalBlock(scope: !11, file: !6, line: 1170, column: 12)
!11 = distinct !DILexicalBlock(scope: !12, file: !6, line: 1170, column: 3)
!12 = distinct !DILexicalBlock(scope: !13, file: !6, line: 1170, column: 3)
!13 = !DILexicalBlockFile(scope: !14, file: !6, discriminator: 0)
!14 = distinct !DISubprogram(name: "luaV_execute", scope: !6, file: !6, line: 1151, type: !15, scopeLine: 1151, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !2)
!15 = distinct !DISubroutineType(types: !2)
!16 = !DIDerivedType(tag: DW_TAG_typedef, name: "TValue", file: !17, line: 69, baseType: !18)
!17 = !DIFile(filename: "lobject.h", directory: "", checksumkind: CSK_MD5, checksum: "aea49a507ea3586a933fcf888e0c1530")
!18 = distinct !DICompositeType(tag: DW_TAG_structure_type, name: "TValue", file: !17, line: 67, size: 128, elements: !2)
!19 = distinct !DIAssignID()
!20 = !DILocation(line: 0, scope: !5)

; CHECK-LABEL: define void @luaV_execute(
; CHECK: [[J:[0-9]+]]:
; CHECK-NEXT: phi i32
; CHECK: store <4 x i32>
; CHECK-NEXT: #dbg_assign(
