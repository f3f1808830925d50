// The only C++ in umsan: registration of the pass with clang-19's and
// opt-19's new pass manager. LLVM's pass-plugin API is C++-only; everything
// else (the instrumentation itself) is Rust, reached through the C functions
// declared below and operating on the module through LLVM's C API. The one
// IR change the C API cannot express, giving a function more parameters
// (umsan_append_params), is here too.
#include "llvm/Analysis/GlobalsModRef.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/IR/PassManager.h"
#include "llvm/ADT/Any.h"
#include "llvm/Passes/OptimizationLevel.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/GVN.h"
#include "llvm/Transforms/Scalar/JumpThreading.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"

using namespace llvm;

extern "C" {
// Implemented in Rust (pass/src/lib.rs). Return NULL on success, or an error
// message that must be released with umsan_free_string.
char *umsan_prepare_module(LLVMModuleRef M, bool Optimizing);
char *umsan_instrument_module(LLVMModuleRef M);
char *umsan_ipo_module(LLVMModuleRef M);
char *umsan_shadow_args_module(LLVMModuleRef M);
void umsan_free_string(char *S);
}

namespace {

thread_local Module *CurrentModule = nullptr;
// Set once MemorySanitizerPass has run (and done nothing: see below) on the
// module umsan's passes last ran on; cleared when an umsan pass starts.
thread_local bool MsanRan = false;

template <typename F> PreservedAnalyses runRust(Module &M, F Fn) {
  CurrentModule = &M;
  MsanRan = false;
  if (char *Err = Fn(wrap(&M))) {
    M.getContext().emitError(Twine("umsan: ") + Err);
    umsan_free_string(Err);
  }
  // GlobalsAA counts as stateless and survives PreservedAnalyses::none();
  // its knowledge of which functions touch which globals is wrong once
  // shadow TLS accesses are added, so it must be abandoned explicitly.
  PreservedAnalyses PA = PreservedAnalyses::none();
  PA.abandon<GlobalsAA>();
  return PA;
}

/// Runs first (PipelineStartEP): protects modelled functions from inlining so
/// their calls stay visible to the instrumentation at every -O level; when
/// the pipeline optimizes, marks uninitialized locals (uninit_locals.rs).
struct UmsanPreparePass : PassInfoMixin<UmsanPreparePass> {
  bool Optimizing;
  explicit UmsanPreparePass(bool Optimizing) : Optimizing(Optimizing) {}
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    return runRust(M, [this](LLVMModuleRef R) { return umsan_prepare_module(R, Optimizing); });
  }
  static bool isRequired() { return true; }
};

/// The instrumentation (OptimizerLastEP, where clang runs MemorySanitizer).
struct UmsanPass : PassInfoMixin<UmsanPass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    return runRust(M, umsan_instrument_module);
  }
  static bool isRequired() { return true; }
};

/// Interprocedural step after the clean-up (instrument/ipo.rs): drops the
/// shadow passing into closed functions that every call site proves clean.
struct UmsanIpoPass : PassInfoMixin<UmsanIpoPass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    return runRust(M, umsan_ipo_module);
  }
  static bool isRequired() { return true; }
};

/// After both rounds: shadows passed into closed functions as extra
/// arguments instead of thread-local slots (instrument/ipo.rs).
struct UmsanShadowArgsPass : PassInfoMixin<UmsanShadowArgsPass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    return runRust(M, umsan_shadow_args_module);
  }
  static bool isRequired() { return true; }
};

constexpr const char *kIpoChanged = "umsan-ipo-changed";

/// Runs its passes only on the functions the IPO step changed.
struct OnlyIpoChanged : PassInfoMixin<OnlyIpoChanged> {
  FunctionPassManager FPM;
  explicit OnlyIpoChanged(FunctionPassManager P) : FPM(std::move(P)) {}
  PreservedAnalyses run(Function &F, FunctionAnalysisManager &AM) {
    if (!F.hasFnAttribute(kIpoChanged))
      return PreservedAnalyses::all();
    F.removeFnAttr(kIpoChanged);
    return FPM.run(F, AM);
  }
  static bool isRequired() { return true; }
};

void addCleanupPasses(ModulePassManager &MPM) {
  // The same clean-up clang schedules after MemorySanitizer: fold constant
  // shadows, merge redundant shadow loads, and thread repeated checks of the
  // same shadow (e.g. a pointer checked before each of its dereferences).
  // clang's own copy, after the MemorySanitizerPass that does nothing here,
  // is skipped (isCleanupAfterMsan).
  FunctionPassManager FPM;
  FPM.addPass(EarlyCSEPass());
  FPM.addPass(InstCombinePass());
  FPM.addPass(JumpThreadingPass());
  FPM.addPass(GVNPass());
  FPM.addPass(InstCombinePass());
  MPM.addPass(createModuleToFunctionPassAdaptor(std::move(FPM)));
  // Two rounds of the interprocedural step, each followed by a clean-up of
  // the functions it changed (their checks of now-clean parameters fold).
  for (int Round = 0; Round < 2; ++Round) {
    MPM.addPass(UmsanIpoPass());
    FunctionPassManager Again;
    Again.addPass(EarlyCSEPass());
    Again.addPass(InstCombinePass());
    Again.addPass(SimplifyCFGPass());
    // Threads the checks a dropped or hoisted one leaves repeated (Lua's
    // fib: 3% fewer instructions run). GVN and a second InstCombine here
    // would take back another 0.4% of instructions for ~3 s of sqlite3.c.
    Again.addPass(JumpThreadingPass());
    MPM.addPass(createModuleToFunctionPassAdaptor(OnlyIpoChanged(std::move(Again))));
  }
  MPM.addPass(UmsanShadowArgsPass());
}

/// Instrumentation leaves its own values in vector registers: all-ones
/// shadow constants (stack poisoning), shadow vectors, whatever the runtime's
/// code computed. The program's code can observe such a value where x86
/// code generation treats part of a register as don't-care: a scalar written
/// into the low lane (cvtsi2sd, sqrtsd, roundsd, ...) keeps the register's
/// upper lanes, and two scalar compares combined by `&&` may be evaluated as
/// packed compares over both lanes. With FP exceptions unmasked
/// (`feenableexcept`), an all-ones lane left there is a NaN and the compare
/// traps (libpng's `png_muldiv` under `pngvalid --strict`). BreakFalseDeps
/// already zeroes the register before such a partial write when the
/// register was written "recently" (an undef-read/partial-update clearance
/// of 128/64 instructions); a clearance no function reaches makes it do so
/// before every partial write whose register is not live, so the don't-care
/// lanes hold zeros (as in most native code) wherever a scalar starts. A
/// zero idiom costs no execution unit. An explicit `-mllvm` setting wins.
void zeroDontCareLanes() {
  auto &Opts = cl::getRegisteredOptions();
  for (const char *Name : {"undef-reg-clearance", "partial-reg-update-clearance"}) {
    auto It = Opts.find(Name);
    if (It == Opts.end() || It->second->getNumOccurrences() > 0)
      continue;
    It->second->addOccurrence(0, Name, "1000000000");
  }
}

// ----- MemorySanitizer's pass is never run next to umsan ---------------------
//
// For MSan-prepared source (`__has_feature(memory_sanitizer)`, no_sanitize
// attributes, ignorelists), umsan-cc passes `-fsanitize=memory` to clang's
// front end only (`-Xclang`): the front end then answers the feature test and
// marks the functions it would sanitize `sanitize_memory`, which the prepare
// step turns into umsan's own marks. clang's back end also schedules
// MemorySanitizerPass after umsan's pass; it is a required pass, so it cannot
// be skipped, but it is made to do nothing: right before it runs, every
// function it would instrument gets `disable_sanitizer_instrumentation`, and
// a `msan.module_ctor` exists already (so it registers no constructor calling
// `__msan_init`). Right after it, both are undone and the declarations it
// added without using them are erased: the object file has no trace of MSan.

constexpr const char *kMsanPassName = "MemorySanitizerPass";
constexpr const char *kMsanCtorName = "msan.module_ctor";
constexpr const char *kSkipMark = "umsan-msan-skipped";
constexpr const char *kDummyCtorMark = "umsan-msan-dummy-ctor";

// The module umsan's passes last ran on. The instrumentation callbacks get
// the IR unit as an `llvm::Any`, whose type ids are per shared object (this
// plugin's copy is not LLVM's), so `any_cast` cannot recover the module;
// MemorySanitizerPass always runs on the module umsan's pass just saw.

void beforeMsan(Module &M) {
  for (Function &F : M) {
    if (F.isDeclaration() ||
        F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation))
      continue;
    F.addFnAttr(Attribute::DisableSanitizerInstrumentation);
    F.addFnAttr(kSkipMark);
  }
  if (!M.getFunction(kMsanCtorName)) {
    Function *Ctor = Function::Create(
        FunctionType::get(Type::getVoidTy(M.getContext()), false),
        GlobalValue::InternalLinkage, kMsanCtorName, M);
    Ctor->addFnAttr(kDummyCtorMark);
    ReturnInst::Create(M.getContext(),
                       BasicBlock::Create(M.getContext(), "", Ctor));
  }
}

void afterMsan(Module &M) {
  for (Function &F : M) {
    if (F.hasFnAttribute(kSkipMark)) {
      F.removeFnAttr(kSkipMark);
      F.removeFnAttr(Attribute::DisableSanitizerInstrumentation);
    }
  }
  if (Function *Ctor = M.getFunction(kMsanCtorName))
    if (Ctor->hasFnAttribute(kDummyCtorMark) && Ctor->use_empty())
      Ctor->eraseFromParent();
  // Declarations MSan added (`__msan_init`, its TLS slots and callbacks)
  // that nothing uses.
  SmallVector<GlobalValue *, 16> Unused;
  for (GlobalValue &G : M.global_values())
    if (G.isDeclaration() && G.use_empty() && G.getName().starts_with("__msan_"))
      Unused.push_back(&G);
  for (GlobalValue *G : Unused)
    G->eraseFromParent();
  MsanRan = true;
}

/// The clean-up clang schedules after MemorySanitizerPass: umsan's own
/// clean-up (addCleanupPasses) already ran these on the instrumented module,
/// and MemorySanitizerPass changed nothing, so a second round only costs
/// compile time (sqlite3.c: about 3.5 s of 50).
bool isCleanupAfterMsan(StringRef P) {
  return P == "EarlyCSEPass" || P == "InstCombinePass" ||
         P == "JumpThreadingPass" || P == "GVNPass" ||
         (P.starts_with("RequireAnalysisPass<") && P.contains("GlobalsAA"));
}

void neutralizeMsan(PassBuilder &PB) {
  PassInstrumentationCallbacks *PIC = PB.getPassInstrumentationCallbacks();
  if (!PIC)
    return;
  PIC->registerBeforeNonSkippedPassCallback([](StringRef P, Any IR) {
    if (P == kMsanPassName && CurrentModule)
      beforeMsan(*CurrentModule);
  });
  PIC->registerAfterPassCallback(
      [](StringRef P, Any IR, const PreservedAnalyses &) {
        if (P == kMsanPassName && CurrentModule)
          afterMsan(*CurrentModule);
      });
  PIC->registerShouldRunOptionalPassCallback([](StringRef P, Any IR) {
    return !(MsanRan && isCleanupAfterMsan(P));
  });
}

void registerCallbacks(PassBuilder &PB) {
  zeroDontCareLanes();
  neutralizeMsan(PB);
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level) {
        MPM.addPass(UmsanPreparePass(Level != OptimizationLevel::O0));
      });
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level) {
        MPM.addPass(UmsanPass());
        if (Level != OptimizationLevel::O0)
          addCleanupPasses(MPM);
      });
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (Name == "umsan") {
          MPM.addPass(UmsanPass());
          return true;
        }
        if (Name == "umsan-o2") {
          MPM.addPass(UmsanPass());
          addCleanupPasses(MPM);
          return true;
        }
        if (Name == "umsan-prepare") {
          MPM.addPass(UmsanPreparePass(true));
          return true;
        }
        return false;
      });
}

} // namespace

/// Gives the function `FRef` `N` more parameters, of types `Tys`, after its
/// own: a new function takes its name, attributes, metadata and body (its
/// arguments' uses move to the new ones), and each of the `NumCalls` calls
/// in `Calls` — which must be all of `FRef`'s uses — is replaced by a call
/// of the new function passing `Args[K * N .. K * N + N]` as well. `FRef`
/// and the old calls are erased. Returns the new function. (What LLVM's
/// DeadArgumentElimination does to drop parameters, the other way round.)
extern "C" LLVMValueRef umsan_append_params(LLVMValueRef FRef, LLVMTypeRef *Tys,
                                            unsigned N, LLVMValueRef *Calls,
                                            unsigned NumCalls,
                                            LLVMValueRef *Args) {
  Function *F = unwrap<Function>(FRef);
  FunctionType *FTy = F->getFunctionType();
  SmallVector<Type *, 8> Params(FTy->params().begin(), FTy->params().end());
  for (unsigned I = 0; I < N; ++I)
    Params.push_back(unwrap(Tys[I]));
  FunctionType *NFTy =
      FunctionType::get(FTy->getReturnType(), Params, FTy->isVarArg());
  Function *NF = Function::Create(NFTy, F->getLinkage(), F->getAddressSpace());
  NF->copyAttributesFrom(F);
  NF->setComdat(F->getComdat());
  NF->IsNewDbgInfoFormat = F->IsNewDbgInfoFormat;
  F->getParent()->getFunctionList().insert(F->getIterator(), NF);
  NF->takeName(F);
  NF->splice(NF->begin(), F);
  auto NA = NF->arg_begin();
  for (Argument &A : F->args()) {
    A.replaceAllUsesWith(&*NA);
    NA->takeName(&A);
    ++NA;
  }
  for (; NA != NF->arg_end(); ++NA)
    NA->setName("umsan.shadow");
  NF->copyMetadata(F, 0);
  for (unsigned K = 0; K < NumCalls; ++K) {
    CallInst *CI = cast<CallInst>(unwrap(Calls[K]));
    SmallVector<Value *, 8> CallArgs(CI->args());
    for (unsigned I = 0; I < N; ++I)
      CallArgs.push_back(unwrap(Args[K * N + I]));
    SmallVector<OperandBundleDef, 1> Bundles;
    CI->getOperandBundlesAsDefs(Bundles);
    CallInst *NC = CallInst::Create(NFTy, NF, CallArgs, Bundles, "", CI->getIterator());
    NC->setCallingConv(CI->getCallingConv());
    NC->setAttributes(CI->getAttributes());
    NC->setTailCallKind(CI->getTailCallKind());
    NC->copyMetadata(*CI);
    NC->setDebugLoc(CI->getDebugLoc());
    NC->takeName(CI);
    CI->replaceAllUsesWith(NC);
    CI->eraseFromParent();
  }
  F->eraseFromParent();
  return wrap(NF);
}

// Forwarded to by the exported llvmGetPassPluginInfo, which must be defined
// in Rust (rustc's export list for a cdylib hides C++-defined symbols).
extern "C" PassPluginLibraryInfo umsan_plugin_library_info() {
  return {LLVM_PLUGIN_API_VERSION, "umsan", "0.1", registerCallbacks};
}
