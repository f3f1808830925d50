//! x86 SIMD, crypto and bit-manipulation intrinsics (`llvm.x86.*`) that
//! clang-19 emits for SSE2–SSE4.2, SSSE3, AVX/AVX2, AES-NI, PCLMUL and BMI
//! code. Most SIMD intrinsics are lowered by clang to generic IR
//! (shufflevector, select, arithmetic), which has its own handlers; the ones
//! left here get a rule each, chosen by the shape of the operation:
//!
//! - **Same operation on the shadow** (exact): byte/lane permutations
//!   (`pshufb`, `permd`, `vpermilvar`, `vperm2*128`), shifts by a count
//!   (immediate, vector or per lane), sign-bit masks (`movmsk`), BMI bit
//!   gathers/scatters (`bextr`, `bzhi`, `pdep`, `pext`), masked loads and
//!   stores (on shadow memory). A lane selected by an uninitialized control
//!   (index, count) is uninitialized.
//! - **Blends** (exact): `blendv` picks each lane's shadow with the mask's
//!   sign bit; where that bit is uninitialized, both inputs' shadows and the
//!   bits where they differ.
//! - **Packs**: a lane of the result is uninitialized if its source lane is
//!   (signed saturation of the all-ones/zero lane flags).
//! - **Lane-wise** (approximate per lane): arithmetic, compares, rounding,
//!   conversions and multiply-adds whose result lane `i` is computed from
//!   the bits at the same position of each vector operand.
//! - **Scalar** `ss`/`sd` forms: lane 0 from lane 0 of the operands, the
//!   other lanes pass through from the first operand.
//! - **Horizontal** add/sub: each result lane from its two source lanes.
//! - **Whole** (approximate): cross-lane operations (CRC32, AES rounds,
//!   carry-less multiply of the selected halves, dot products, string
//!   compares): any uninitialized input bit they read spoils the result.
//!
//! None of these rules checks an operand: a SIMD operation is not a use.
//! That matters beyond precision: InstCombine replaces the lanes an
//! intrinsic ignores (the unselected half of a `pclmulqdq` operand, the
//! upper lanes of a scalar `ss`/`sd` operand) with `poison`, whose shadow is
//! uninitialized, so checking whole operands reports bytes the program never
//! reads. Unknown `llvm.x86.*` intrinsics still take the strict fallback.

use super::function::FunctionInstrumenter;
use crate::ir::{self, NONAME, T, V};
use llvm_sys::core::*;
use llvm_sys::LLVMIntPredicate as P;
use llvm_sys::LLVMTypeKind as K;

/// How a family's result shadow is computed (see the module comment).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Rule {
    /// The intrinsic itself on the shadow of operand 0 (and 1 when `two`),
    /// the control operand `ctl` (if any) with the given spreading.
    SameOp { two: bool, ctl: Option<(u32, Ctl)> },
    Blendv,
    Pack { signed: &'static str },
    LaneWise,
    Scalar { lane0_from: &'static [u32] },
    ScalarResult,
    Horizontal,
    Whole,
    Pclmul,
    AesRound,
    Ptest,
    MaskLoad,
    MaskStore { ptr: u32, mask: u32, val: u32 },
    Clean,
    NoEffect,
    Stmxcsr,
}

/// How an uninitialized control operand spoils the result.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ctl {
    /// Lane `i` of the control selects result lane `i`.
    PerLane,
    /// Any uninitialized bit spoils the whole result.
    Whole,
    /// Only the low 64 bits count (shift count vectors; InstCombine may
    /// make the upper half `poison`).
    Low64,
    /// Only the low `n` bits count (BMI controls).
    LowBits(u32),
}

const fn same(two: bool, ctl: Option<(u32, Ctl)>) -> Rule {
    Rule::SameOp { two, ctl }
}

/// Families, matched as prefixes of the name after `llvm.x86.`. The first
/// match wins, so longer names precede their prefixes.
const RULES: &[(&str, Rule)] = &[
    // Byte and lane permutations.
    ("ssse3.pshuf.b", same(false, Some((1, Ctl::PerLane)))),
    ("avx2.pshuf.b", same(false, Some((1, Ctl::PerLane)))),
    ("avx2.permd", same(false, Some((1, Ctl::PerLane)))),
    ("avx2.permps", same(false, Some((1, Ctl::PerLane)))),
    ("avx.vpermilvar.", same(false, Some((1, Ctl::PerLane)))),
    ("avx.vperm2f128.", same(true, Some((2, Ctl::Whole)))),
    ("avx2.vperm2i128", same(true, Some((2, Ctl::Whole)))),
    // Blends by the mask's sign bits.
    ("sse41.pblendvb", Rule::Blendv),
    ("sse41.blendvp", Rule::Blendv),
    ("avx.blendv.", Rule::Blendv),
    ("avx2.pblendvb", Rule::Blendv),
    // Sign-bit masks.
    ("sse2.pmovmskb", same(false, None)),
    ("avx2.pmovmskb", same(false, None)),
    ("sse.movmsk.ps", same(false, None)),
    ("sse2.movmsk.pd", same(false, None)),
    ("avx.movmsk.p", same(false, None)),
    // Shifts: by immediate, by the low 64 bits of a vector, per lane.
    ("sse2.pslli.", same(false, Some((1, Ctl::Whole)))),
    ("sse2.psrli.", same(false, Some((1, Ctl::Whole)))),
    ("sse2.psrai.", same(false, Some((1, Ctl::Whole)))),
    ("avx2.pslli.", same(false, Some((1, Ctl::Whole)))),
    ("avx2.psrli.", same(false, Some((1, Ctl::Whole)))),
    ("avx2.psrai.", same(false, Some((1, Ctl::Whole)))),
    ("sse2.psll.", same(false, Some((1, Ctl::Low64)))),
    ("sse2.psrl.", same(false, Some((1, Ctl::Low64)))),
    ("sse2.psra.", same(false, Some((1, Ctl::Low64)))),
    ("avx2.psllv.", same(false, Some((1, Ctl::PerLane)))),
    ("avx2.psrlv.", same(false, Some((1, Ctl::PerLane)))),
    ("avx2.psrav.", same(false, Some((1, Ctl::PerLane)))),
    ("avx2.psll.", same(false, Some((1, Ctl::Low64)))),
    ("avx2.psrl.", same(false, Some((1, Ctl::Low64)))),
    ("avx2.psra.", same(false, Some((1, Ctl::Low64)))),
    // BMI: bits gathered or scattered under a control.
    ("bmi.bextr.", same(false, Some((1, Ctl::LowBits(16))))),
    ("bmi.bzhi.", same(false, Some((1, Ctl::LowBits(8))))),
    ("bmi.pdep.", same(false, Some((1, Ctl::Whole)))),
    ("bmi.pext.", same(false, Some((1, Ctl::Whole)))),
    // Packs with saturation.
    ("sse2.packsswb", Rule::Pack { signed: "llvm.x86.sse2.packsswb.128" }),
    ("sse2.packuswb", Rule::Pack { signed: "llvm.x86.sse2.packsswb.128" }),
    ("sse2.packssdw", Rule::Pack { signed: "llvm.x86.sse2.packssdw.128" }),
    ("sse41.packusdw", Rule::Pack { signed: "llvm.x86.sse2.packssdw.128" }),
    ("avx2.packsswb", Rule::Pack { signed: "llvm.x86.avx2.packsswb" }),
    ("avx2.packuswb", Rule::Pack { signed: "llvm.x86.avx2.packsswb" }),
    ("avx2.packssdw", Rule::Pack { signed: "llvm.x86.avx2.packssdw" }),
    ("avx2.packusdw", Rule::Pack { signed: "llvm.x86.avx2.packssdw" }),
    // Scalar forms: lane 0 computed, the rest from operand 0.
    ("sse.min.ss", Rule::Scalar { lane0_from: &[0, 1] }),
    ("sse.max.ss", Rule::Scalar { lane0_from: &[0, 1] }),
    ("sse2.min.sd", Rule::Scalar { lane0_from: &[0, 1] }),
    ("sse2.max.sd", Rule::Scalar { lane0_from: &[0, 1] }),
    ("sse.cmp.ss", Rule::Scalar { lane0_from: &[0, 1] }),
    ("sse2.cmp.sd", Rule::Scalar { lane0_from: &[0, 1] }),
    ("sse.rcp.ss", Rule::Scalar { lane0_from: &[0] }),
    ("sse.rsqrt.ss", Rule::Scalar { lane0_from: &[0] }),
    ("sse41.round.ss", Rule::Scalar { lane0_from: &[1] }),
    ("sse41.round.sd", Rule::Scalar { lane0_from: &[1] }),
    ("sse2.cvtsd2ss", Rule::Scalar { lane0_from: &[1] }),
    // Scalar results from lane 0.
    ("sse.comi", Rule::ScalarResult),
    ("sse.ucomi", Rule::ScalarResult),
    ("sse2.comi", Rule::ScalarResult),
    ("sse2.ucomi", Rule::ScalarResult),
    ("sse.cvtss2si", Rule::ScalarResult),
    ("sse.cvttss2si", Rule::ScalarResult),
    ("sse2.cvtsd2si", Rule::ScalarResult),
    ("sse2.cvttsd2si", Rule::ScalarResult),
    // Horizontal pairs.
    ("sse3.hadd.", Rule::Horizontal),
    ("sse3.hsub.", Rule::Horizontal),
    ("ssse3.phadd.", Rule::Horizontal),
    ("ssse3.phsub.", Rule::Horizontal),
    ("avx.hadd.", Rule::Horizontal),
    ("avx.hsub.", Rule::Horizontal),
    ("avx2.phadd.", Rule::Horizontal),
    ("avx2.phsub.", Rule::Horizontal),
    // Lane-wise arithmetic, compares, rounding, conversions.
    ("sse.min.ps", Rule::LaneWise),
    ("sse.max.ps", Rule::LaneWise),
    ("sse2.min.pd", Rule::LaneWise),
    ("sse2.max.pd", Rule::LaneWise),
    ("avx.min.", Rule::LaneWise),
    ("avx.max.", Rule::LaneWise),
    ("sse.cmp.ps", Rule::LaneWise),
    ("sse2.cmp.pd", Rule::LaneWise),
    ("avx.cmp.", Rule::LaneWise),
    ("sse.rcp.ps", Rule::LaneWise),
    ("sse.rsqrt.ps", Rule::LaneWise),
    ("avx.rcp.", Rule::LaneWise),
    ("avx.rsqrt.", Rule::LaneWise),
    ("sse41.round.p", Rule::LaneWise),
    ("avx.round.", Rule::LaneWise),
    ("sse2.cvtps2dq", Rule::LaneWise),
    ("sse2.cvttps2dq", Rule::LaneWise),
    ("avx.cvt.", Rule::LaneWise),
    ("avx.cvtt.", Rule::LaneWise),
    ("sse3.addsub.", Rule::LaneWise),
    ("avx.addsub.", Rule::LaneWise),
    ("sse2.pmulh", Rule::LaneWise),
    ("avx2.pmulh", Rule::LaneWise),
    ("ssse3.pmul.hr.sw", Rule::LaneWise),
    ("avx2.pmul.hr.sw", Rule::LaneWise),
    ("ssse3.psign.", Rule::LaneWise),
    ("avx2.psign.", Rule::LaneWise),
    ("sse2.pmadd.wd", Rule::LaneWise),
    ("avx2.pmadd.wd", Rule::LaneWise),
    ("ssse3.pmadd.ub.sw", Rule::LaneWise),
    ("avx2.pmadd.ub.sw", Rule::LaneWise),
    ("sse2.psad.bw", Rule::LaneWise),
    ("avx2.psad.bw", Rule::LaneWise),
    ("sse2.cvtpd2dq", Rule::LaneWise),
    ("sse2.cvttpd2dq", Rule::LaneWise),
    ("sse2.cvtpd2ps", Rule::LaneWise),
    // Carry-less multiply, AES, CRC32, dot products, string compares.
    ("pclmulqdq", Rule::Pclmul),
    ("aesni.aesenc", Rule::AesRound),
    ("aesni.aesdec", Rule::AesRound),
    ("aesni.aesimc", Rule::Whole),
    ("aesni.aeskeygenassist", Rule::Whole),
    ("sse42.crc32.", Rule::Whole),
    ("sse41.dpp", Rule::Whole),
    ("avx.dp.ps", Rule::Whole),
    ("sse41.mpsadbw", Rule::Whole),
    ("avx2.mpsadbw", Rule::Whole),
    ("sse41.phminposuw", Rule::Whole),
    ("sse42.pcmp", Rule::Whole),
    // Tests of `a & b` / `~a & b` against zero.
    ("sse41.ptest", Rule::Ptest),
    ("avx.ptest", Rule::Ptest),
    ("avx.vtest", Rule::Ptest),
    // Memory.
    ("avx.maskload.", Rule::MaskLoad),
    ("avx2.maskload.", Rule::MaskLoad),
    ("avx.maskstore.", Rule::MaskStore { ptr: 0, mask: 1, val: 2 }),
    ("avx2.maskstore.", Rule::MaskStore { ptr: 0, mask: 1, val: 2 }),
    ("sse2.maskmov.dqu", Rule::MaskStore { ptr: 2, mask: 1, val: 0 }),
    ("sse.stmxcsr", Rule::Stmxcsr),
    // Values from the machine, and instructions with no data effect.
    ("rdrand.", Rule::Clean),
    ("rdseed.", Rule::Clean),
    ("rdtsc", Rule::Clean),
    ("rdpid", Rule::Clean),
    ("xgetbv", Rule::Clean),
    ("sse2.pause", Rule::NoEffect),
    ("sse2.lfence", Rule::NoEffect),
    ("sse2.mfence", Rule::NoEffect),
    ("sse.sfence", Rule::NoEffect),
    ("sse2.clflush", Rule::NoEffect),
    ("clflushopt", Rule::NoEffect),
    ("avx.vzeroupper", Rule::NoEffect),
    ("avx.vzeroall", Rule::NoEffect),
    ("sse.ldmxcsr", Rule::NoEffect),
];

fn rule_for(rest: &str) -> Option<Rule> {
    RULES.iter().find(|(prefix, _)| rest.starts_with(prefix)).map(|&(_, r)| r)
}

impl FunctionInstrumenter<'_> {
    /// `rest` is the name after `llvm.x86.`. Returns false when no rule
    /// applies (the caller takes the strict fallback).
    pub(super) fn visit_x86_intrinsic(&mut self, inst: V, rest: &str) -> bool {
        let Some(rule) = rule_for(rest) else { return false };
        match rule {
            Rule::NoEffect => {}
            Rule::Clean => self.set_clean(inst),
            Rule::SameOp { two, ctl } => self.x86_same_op(inst, two, ctl),
            Rule::Blendv => self.x86_blendv(inst),
            Rule::Pack { signed } => self.x86_pack(inst, signed),
            Rule::LaneWise => self.x86_lane_wise(inst),
            Rule::Scalar { lane0_from } => self.x86_scalar(inst, lane0_from),
            Rule::ScalarResult => self.x86_scalar_result(inst),
            Rule::Horizontal => self.x86_horizontal(inst),
            Rule::Whole => {
                self.before(inst);
                let args: Vec<u32> = (0..self.num_args(inst)).collect();
                self.x86_whole(inst, &args)
            }
            Rule::Pclmul => self.x86_pclmul(inst),
            Rule::AesRound => self.x86_aes_round(inst),
            Rule::Ptest => self.x86_ptest(inst, rest),
            Rule::MaskLoad => self.x86_mask_load(inst),
            Rule::MaskStore { ptr, mask, val } => self.x86_mask_store(inst, ptr, mask, val),
            Rule::Stmxcsr => {
                self.after(inst);
                self.set_shadow_bytes(ir::operand(inst, 0), 0, self.cx.const_i64(4), 1);
            }
        }
        true
    }

    fn num_args(&self, inst: V) -> u32 {
        unsafe { LLVMGetNumArgOperands(inst) }
    }

    /// `v`'s shadow as a value of `v`'s own type (for calling the intrinsic
    /// on it): a bit-for-bit cast; never FP arithmetic.
    fn shadow_as_value_type(&self, v: V) -> V {
        let s = self.shadow(v);
        let t = ir::type_of(v);
        if ir::type_of(s) == t {
            s
        } else {
            self.bitcast(s, t)
        }
    }

    /// A result of the intrinsic's own type back as a shadow.
    fn as_shadow(&self, v: V, st: T) -> V {
        if ir::type_of(v) == st {
            v
        } else {
            self.bitcast(v, st)
        }
    }

    /// The shadow of the control operand `i`, reduced as `ctl` says, spread
    /// over the result shadow type `st`. None if it is clean.
    fn control_poison(&self, inst: V, i: u32, ctl: Ctl, st: T) -> Option<V> {
        let s = self.shadow(ir::operand(inst, i));
        if self.is_clean_const(s) {
            return None;
        }
        Some(match ctl {
            Ctl::PerLane => {
                let lanes = self.lanes_poisoned(s);
                self.spread(lanes, st)
            }
            Ctl::Whole => {
                let any = self.any_poisoned(s);
                self.spread(any, st)
            }
            Ctl::Low64 => {
                let low = self.low_bits(s, 64);
                let any = self.any_poisoned(low);
                self.spread(any, st)
            }
            Ctl::LowBits(n) => {
                let low = self.low_bits(s, n);
                let any = self.any_poisoned(low);
                self.spread(any, st)
            }
        })
    }

    /// The low `n` bits of a shadow (scalar or vector, little-endian lanes).
    fn low_bits(&self, s: V, n: u32) -> V {
        let t = ir::type_of(s);
        let bits = self.cx.layout.bits(t) as u32;
        let whole = unsafe { LLVMIntTypeInContext(self.cx.ctx, bits) };
        let as_int = if ir::type_kind(t) == K::LLVMIntegerTypeKind { s } else { self.bitcast(s, whole) };
        if n >= bits {
            return as_int;
        }
        let low = unsafe { LLVMIntTypeInContext(self.cx.ctx, n) };
        unsafe { LLVMBuildTrunc(self.b, as_int, low, NONAME) }
    }

    /// Permutations, shifts, sign-bit masks, BMI: the intrinsic on the
    /// shadow, with the program's own control operand.
    fn x86_same_op(&mut self, inst: V, two: bool, ctl: Option<(u32, Ctl)>) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let n = self.num_args(inst);
        let data: &[u32] = if two { &[0, 1] } else { &[0] };
        if data.iter().all(|&i| self.is_clean_const(self.shadow(ir::operand(inst, i)))) {
            // Clean data stays clean under any permutation or shift; only
            // the control can spoil it.
            let s = match ctl.and_then(|(i, c)| self.control_poison(inst, i, c, st)) {
                Some(p) => p,
                None => self.cx.clean(st),
            };
            return self.set_shadow(inst, s);
        }
        let mut args: Vec<V> = (0..n)
            .map(|i| {
                let op = ir::operand(inst, i);
                if data.contains(&i) {
                    self.shadow_as_value_type(op)
                } else {
                    self.cx.defined_operand(op)
                }
            })
            .collect();
        let moved = self.call_same_callee(inst, &mut args);
        let mut s = self.as_shadow(moved, st);
        if let Some(p) = ctl.and_then(|(i, c)| self.control_poison(inst, i, c, st)) {
            s = self.or(s, p);
        }
        self.set_shadow(inst, s);
    }

    /// Shadow and value of operand `i` as integer vectors of its shadow type.
    fn int_operand(&self, inst: V, i: u32) -> (V, V) {
        let op = ir::operand(inst, i);
        (self.shadow(op), self.value_bits(op))
    }

    /// `blendv(a, b, mask)`: lane `i` is `b[i]` where `mask[i]`'s sign bit
    /// is set, else `a[i]`.
    fn x86_blendv(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let (sa, a) = self.int_operand(inst, 0);
        let (sb, b) = self.int_operand(inst, 1);
        let (sm, m) = self.int_operand(inst, 2);
        let zero = unsafe { LLVMConstNull(st) };
        let take_b = self.icmp(P::LLVMIntSLT, m, zero);
        let mut s = self.select(take_b, sb, sa);
        if !self.is_clean_const(sm) {
            // The sign bit of each mask lane's shadow, as a whole lane.
            let m_unknown = self.icmp(P::LLVMIntSLT, sm, zero);
            let both = self.or(self.or(sa, sb), self.xor(a, b));
            let extra = self.select(m_unknown, both, zero);
            s = self.or(s, extra);
        }
        self.set_shadow(inst, s);
    }

    /// Packs: the result lane is uninitialized iff its source lane is. The
    /// all-ones/zero lane flags survive signed saturation unchanged.
    fn x86_pack(&mut self, inst: V, signed: &str) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let (sa, sb) = (self.shadow(ir::operand(inst, 0)), self.shadow(ir::operand(inst, 1)));
        if self.is_clean_const(sa) && self.is_clean_const(sb) {
            return self.set_clean(inst);
        }
        let fa = self.spread(self.lanes_poisoned(sa), ir::type_of(sa));
        let fb = self.spread(self.lanes_poisoned(sb), ir::type_of(sb));
        let f = self.intrinsic(signed);
        let mut args = [fa, fb];
        let packed = unsafe {
            LLVMBuildCall2(self.b, LLVMGlobalGetValueType(f), f, args.as_mut_ptr(), 2, NONAME)
        };
        let s = self.as_shadow(packed, st);
        self.set_shadow(inst, s);
    }

    /// The declaration of a non-overloaded intrinsic, by name.
    fn intrinsic(&self, name: &str) -> V {
        unsafe {
            let id = LLVMLookupIntrinsicID(name.as_ptr() as *const _, name.len());
            assert!(id != 0, "unknown intrinsic {name}");
            LLVMGetIntrinsicDeclaration(self.cx.module, id, std::ptr::null_mut(), 0)
        }
    }

    /// Result lane `i` from the bits at its position in every vector operand
    /// (same element count, or the same total size); scalar operands (an
    /// immediate) spoil everything when uninitialized.
    fn x86_lane_wise(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        if ir::type_kind(st) != K::LLVMVectorTypeKind {
            let args: Vec<u32> = (0..self.num_args(inst)).collect();
            return self.x86_whole(inst, &args);
        }
        let n = ir::vector_len(st);
        let mut flags: Option<V> = None;
        let mut whole: Option<V> = None;
        for i in 0..self.num_args(inst) {
            let s = self.shadow(ir::operand(inst, i));
            if self.is_clean_const(s) {
                continue;
            }
            let t = ir::type_of(s);
            let lane_flags = if ir::type_kind(t) == K::LLVMVectorTypeKind && ir::vector_len(t) == n {
                Some(self.lanes_poisoned(s))
            } else if ir::type_kind(t) == K::LLVMVectorTypeKind {
                Some(self.lanes_by_position(s, st))
            } else {
                None
            };
            match lane_flags {
                Some(f) => flags = Some(flags.map_or(f, |g| self.or(g, f))),
                None => {
                    let a = self.any_poisoned(s);
                    whole = Some(whole.map_or(a, |w| self.or(w, a)));
                }
            }
        }
        let mut s = match flags {
            Some(f) => self.spread(f, st),
            None => self.cx.clean(st),
        };
        if let Some(w) = whole {
            s = self.or(s, self.spread(w, st));
        }
        self.set_shadow(inst, s);
    }

    /// `<n x i1>` flags for a result of `n` lanes from a source shadow with
    /// another lane count: a source with more (narrower) lanes by bit
    /// position (pmaddwd, psadbw: result lane `i` sums the source lanes it
    /// overlaps); a source with fewer lanes lane by lane, the rest clean
    /// (cvtpd2dq, cvtpd2ps: lane `i` converts source lane `i`, the upper
    /// result lanes are zero).
    fn lanes_by_position(&self, s: V, st: T) -> V {
        let t = ir::type_of(s);
        let n = ir::vector_len(st);
        if ir::vector_len(t) > n && self.cx.layout.bits(t) == self.cx.layout.bits(st) {
            let cast = self.bitcast(s, st);
            return self.lanes_poisoned(cast);
        }
        let m = ir::vector_len(t);
        if m > n {
            let any = self.any_poisoned(s);
            return self.spread_flags(any, n);
        }
        let src_flags = self.lanes_poisoned(s);
        unsafe {
            let mut mask: Vec<V> =
                (0..n).map(|i| LLVMConstInt(self.cx.i32, if i < m { i as u64 } else { m as u64 }, 0)).collect();
            let zeros = LLVMConstNull(ir::type_of(src_flags));
            LLVMBuildShuffleVector(self.b, src_flags, zeros, LLVMConstVector(mask.as_mut_ptr(), n), NONAME)
        }
    }

    /// An i1 as `<n x i1>`.
    fn spread_flags(&self, flag: V, n: u32) -> V {
        let t = unsafe { LLVMVectorType(self.cx.i1, n) };
        self.spread(flag, t)
    }

    /// `ss`/`sd` forms: lane 0 from lane 0 of the listed operands, the other
    /// lanes are operand 0's.
    fn x86_scalar(&mut self, inst: V, lane0_from: &[u32]) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let s0 = self.shadow(ir::operand(inst, 0));
        let elem = ir::element_type(st);
        let mut any = unsafe { LLVMConstInt(self.cx.i1, 0, 0) };
        for &i in lane0_from {
            let s = self.shadow(ir::operand(inst, i));
            if self.is_clean_const(s) {
                continue;
            }
            let e = unsafe { LLVMBuildExtractElement(self.b, s, LLVMConstInt(self.cx.i32, 0, 0), NONAME) };
            any = self.or(any, self.any_poisoned(e));
        }
        let lane0 = self.spread(any, elem);
        let base = if ir::type_of(s0) == st { s0 } else { self.cx.clean(st) };
        let s = unsafe { LLVMBuildInsertElement(self.b, base, lane0, LLVMConstInt(self.cx.i32, 0, 0), NONAME) };
        self.set_shadow(inst, s);
    }

    /// comiss, cvtsd2si, …: a scalar from lane 0 of each vector operand.
    fn x86_scalar_result(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let mut any = unsafe { LLVMConstInt(self.cx.i1, 0, 0) };
        for i in 0..self.num_args(inst) {
            let s = self.shadow(ir::operand(inst, i));
            if self.is_clean_const(s) {
                continue;
            }
            let part = if ir::type_kind(ir::type_of(s)) == K::LLVMVectorTypeKind {
                unsafe { LLVMBuildExtractElement(self.b, s, LLVMConstInt(self.cx.i32, 0, 0), NONAME) }
            } else {
                s
            };
            any = self.or(any, self.any_poisoned(part));
        }
        let s = self.spread(any, st);
        self.set_shadow(inst, s);
    }

    /// hadd/hsub: within each 128-bit block, the result holds the pairs of
    /// `a`'s lanes, then the pairs of `b`'s; each result lane from its pair.
    fn x86_horizontal(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let (sa, sb) = (self.shadow(ir::operand(inst, 0)), self.shadow(ir::operand(inst, 1)));
        if self.is_clean_const(sa) && self.is_clean_const(sb) {
            return self.set_clean(inst);
        }
        let n = ir::vector_len(st) as u64;
        let per_block = (128 / ir::int_width(ir::element_type(st))) as u64;
        let half = per_block / 2;
        let (mut first, mut second) = (Vec::new(), Vec::new());
        for r in 0..n {
            let block = r / per_block;
            let k = r % per_block;
            // Lanes of b are numbered from n in the shuffle's concatenation.
            let (base, pair) = if k < half { (0, k) } else { (n, k - half) };
            let src = base + block * per_block + 2 * pair;
            unsafe {
                first.push(LLVMConstInt(self.cx.i32, src, 0));
                second.push(LLVMConstInt(self.cx.i32, src + 1, 0));
            }
        }
        unsafe {
            let lo = LLVMBuildShuffleVector(self.b, sa, sb, LLVMConstVector(first.as_mut_ptr(), n as u32), NONAME);
            let hi = LLVMBuildShuffleVector(self.b, sa, sb, LLVMConstVector(second.as_mut_ptr(), n as u32), NONAME);
            let flags = self.lanes_poisoned(self.or(lo, hi));
            let s = self.spread(flags, st);
            self.set_shadow(inst, s);
        }
    }

    /// Any uninitialized bit of the listed operands spoils the whole result.
    fn x86_whole(&mut self, inst: V, args: &[u32]) {
        let Some(st) = self.shadow_ty(inst) else { return };
        let mut any = unsafe { LLVMConstInt(self.cx.i1, 0, 0) };
        for &i in args {
            let s = self.shadow(ir::operand(inst, i));
            if !self.is_clean_const(s) {
                any = self.or(any, self.any_poisoned(s));
            }
        }
        let s = self.spread(any, st);
        self.set_shadow(inst, s);
    }

    /// `pclmulqdq(a, b, imm)`: in each 128-bit block, the product of the
    /// 64-bit half of `a` chosen by imm bit 0 and the half of `b` chosen by
    /// imm bit 4; the other halves are not read.
    fn x86_pclmul(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let Some(imm) = ir::const_int_value(ir::operand(inst, 2)) else {
            let args: Vec<u32> = (0..3).collect();
            return self.x86_whole(inst, &args);
        };
        let (sa, sb) = (self.shadow(ir::operand(inst, 0)), self.shadow(ir::operand(inst, 1)));
        let n = ir::vector_len(st) as u64; // i64 lanes
        let (ha, hb) = (imm & 1, (imm >> 4) & 1);
        let mut mask_a = Vec::new();
        let mut mask_b = Vec::new();
        for r in 0..n {
            let block = r / 2;
            unsafe {
                mask_a.push(LLVMConstInt(self.cx.i32, block * 2 + ha, 0));
                mask_b.push(LLVMConstInt(self.cx.i32, block * 2 + hb, 0));
            }
        }
        unsafe {
            let pa = LLVMBuildShuffleVector(self.b, sa, sa, LLVMConstVector(mask_a.as_mut_ptr(), n as u32), NONAME);
            let pb = LLVMBuildShuffleVector(self.b, sb, sb, LLVMConstVector(mask_b.as_mut_ptr(), n as u32), NONAME);
            let flags = self.lanes_poisoned(self.or(pa, pb));
            let s = self.spread(flags, st);
            self.set_shadow(inst, s);
        }
    }

    /// AES rounds: the state's bytes mix within each 128-bit block; the
    /// round key is XORed in byte for byte.
    fn x86_aes_round(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let state = self.shadow(ir::operand(inst, 0));
        let key = self.shadow(ir::operand(inst, 1));
        let mixed = if self.is_clean_const(state) {
            self.cx.clean(st)
        } else {
            // Per 128-bit block: all or nothing.
            let blocks = self.cx.layout.bits(st) / 128;
            let i128t = unsafe { LLVMIntTypeInContext(self.cx.ctx, 128) };
            let bt = unsafe { LLVMVectorType(i128t, blocks as u32) };
            let as_blocks = self.bitcast(state, bt);
            let f = self.lanes_poisoned(as_blocks);
            let spread = self.spread(f, bt);
            self.bitcast(spread, st)
        };
        let s = self.or(mixed, self.cast_shadow(key, st));
        self.set_shadow(inst, s);
    }

    /// ptestz/ptestc/ptestnzc and vtest*: flags of `a & b` and `~a & b`
    /// (vtest: of their sign bits). ZF is known if a known-1 bit of `a & b`
    /// exists or no bit of it is uninitialized; likewise CF with `~a`.
    fn x86_ptest(&mut self, inst: V, rest: &str) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let (sa, a) = self.int_operand(inst, 0);
        let (sb, b) = self.int_operand(inst, 1);
        if self.is_clean_const(sa) && self.is_clean_const(sb) {
            return self.set_clean(inst);
        }
        let t = ir::type_of(sa);
        let bits = self.cx.layout.bits(t) as u32;
        let it = unsafe { LLVMIntTypeInContext(self.cx.ctx, bits) };
        let (mut sa, mut a, mut sb, mut b) =
            (self.bitcast(sa, it), self.bitcast(a, it), self.bitcast(sb, it), self.bitcast(b, it));
        if rest.starts_with("avx.vtest") {
            // Only the sign bit of each lane takes part.
            let w = ir::int_width(ir::element_type(t));
            let lanes = bits / w;
            let mut sign = vec![0u64; (bits / 64) as usize];
            for l in 0..lanes {
                let bit = l * w + (w - 1);
                sign[(bit / 64) as usize] |= 1u64 << (bit % 64);
            }
            let m = unsafe { LLVMConstIntOfArbitraryPrecision(it, sign.len() as u32, sign.as_ptr()) };
            sa = self.and(sa, m);
            sb = self.and(sb, m);
            a = self.and(a, m);
            b = self.and(b, m);
        }
        let unknown_flag = |me: &Self, x: V, sx: V| -> V {
            // x & b's shadow and known ones.
            let s_and = me.or(me.or(me.and(sx, sb), me.and(sx, b)), me.and(x, sb));
            let known_one = me.and(me.and(x, b), me.not(s_and));
            let zero = unsafe { LLVMConstNull(it) };
            let some_unknown = me.icmp(P::LLVMIntNE, s_and, zero);
            let no_known_one = me.icmp(P::LLVMIntEQ, known_one, zero);
            me.and(some_unknown, no_known_one)
        };
        let z = || unknown_flag(self, a, sa);
        let c = || {
            let na = self.not(a);
            unknown_flag(self, na, sa)
        };
        let flag = if rest.contains("testz") {
            z()
        } else if rest.contains("testc") {
            c()
        } else {
            let (zf, cf) = (z(), c());
            self.or(zf, cf)
        };
        let s = self.spread(flag, st);
        self.set_shadow(inst, s);
    }

    /// maskload(p, mask): the same masked load from shadow memory (lanes
    /// not loaded are zero, and clean).
    fn x86_mask_load(&mut self, inst: V) {
        self.before(inst);
        let Some(st) = self.shadow_ty(inst) else { return };
        let p = ir::operand(inst, 0);
        let mask = self.cx.defined_operand(ir::operand(inst, 1));
        let mut args = [self.shadow_addr(p), mask];
        let loaded = self.call_same_callee(inst, &mut args);
        let mut s = self.as_shadow(loaded, st);
        if let Some(c) = self.control_poison(inst, 1, Ctl::PerLane, st) {
            s = self.or(s, c);
        }
        self.set_shadow(inst, s);
        if self.cx.origins {
            let o = self.load_value_origin(p, 1, s);
            self.set_origin(inst, o);
        }
    }

    /// maskstore/maskmovdqu: the same masked store of the value's shadow to
    /// shadow memory.
    fn x86_mask_store(&mut self, inst: V, ptr: u32, mask: u32, val: u32) {
        self.before(inst);
        let n = self.num_args(inst);
        let mut args: Vec<V> = (0..n)
            .map(|i| {
                let op = ir::operand(inst, i);
                if i == ptr {
                    self.shadow_addr(op)
                } else if i == mask {
                    self.cx.defined_operand(op)
                } else if i == val {
                    self.shadow_as_value_type(op)
                } else {
                    op
                }
            })
            .collect();
        self.call_same_callee(inst, &mut args);
        let (p, m, v) = (ir::operand(inst, ptr), ir::operand(inst, mask), ir::operand(inst, val));
        if self.cx.origins && !self.is_clean_const(self.shadow(v)) {
            // The value's origin for the stored range when a stored lane
            // (mask sign bit set) is uninitialized: on the cold path.
            let sv = self.shadow(v);
            let m = self.cx.defined_operand(m);
            let stored_lanes = self.icmp(P::LLVMIntSLT, m, unsafe { LLVMConstNull(ir::type_of(m)) });
            let stored = self.select(stored_lanes, sv, unsafe { LLVMConstNull(ir::type_of(sv)) });
            let size = self.cx.layout.store_size(ir::type_of(sv));
            let origin = self.origin(v);
            self.store_origin_if(stored, origin, p, size, 1, inst);
        }
    }
}
