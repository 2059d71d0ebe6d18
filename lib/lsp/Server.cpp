#include "lsp/Server.h"

#include "catalog/Catalog.h"
#include "driver/Preamble.h"
#include "lsp/Databases.h"
#include "lsp/Protocol.h"
#include "lsp/Transport.h"

#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace borrowck::lsp {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;
using Clock = std::chrono::steady_clock;

namespace {

// window/logMessage and window/showMessage types.
enum MessageType { LogError = 1, LogWarning = 2, LogInfo = 3, LogLog = 4 };

// What one analysis of one text produced.
struct Published {
  uint64_t Generation = 0; // of the document's text it analysed
  std::string Text;
  FileAnalysis Result;
  std::vector<std::pair<MessageType, std::string>> Log; // sent with the diagnostics
};

struct Document {
  std::string Uri, Path, Text;
  int64_t Version = 0;
  uint64_t Generation = 0; // bumped on every change of Text
  bool Pending = false;    // an analysis is due at Due
  Clock::time_point Due;
  std::shared_ptr<const Published> Last; // the results on screen
};

class Server {
public:
  Server(const ServerOptions &Opts, llvm::raw_ostream &Out)
      : Opts(Opts), Out(Out), DBs(Opts.Flags, Opts.FlagsNeedDefaultStd, Opts.BuildPath),
        Debounce(Opts.DebounceMs) {
    setDocsUrl(Opts.DocsUrl.empty() ? BORROWCK_DOCS_URL : Opts.DocsUrl);
  }

  int run(std::FILE *In) {
    std::thread Worker([this] { workerLoop(); });
    std::optional<int> Status;
    while (!Status) {
      std::string Body, Why;
      ReadStatus S = readMessage(In, Body, Why);
      if (S == ReadStatus::End)
        break;
      if (S == ReadStatus::BadHeader) {
        Out.replyError(nullptr, ParseError, Why);
        continue;
      }
      llvm::Expected<Value> V = llvm::json::parse(Body);
      if (!V) {
        Out.replyError(nullptr, ParseError, "bad JSON: " + llvm::toString(V.takeError()));
        continue;
      }
      Status = handle(*V);
    }
    int Code = Status.value_or(ShutdownRequested ? 0 : 1);
    bool Analysing;
    {
      std::lock_guard<std::mutex> G(Lock);
      Stopping = true;
      Analysing = Busy;
    }
    // Clang cannot be interrupted: rather than keep the editor waiting for an analysis
    // nobody will read, leave at once (every message is already written and flushed).
    if (Analysing)
      std::_Exit(Code);
    Wake.notify_all();
    Worker.join();
    return Code;
  }

private:
  const ServerOptions &Opts;
  Writer Out;
  Databases DBs;          // the worker's
  PreambleCache Preambles; // the worker's
  PublishOptions Publish;
  bool Initialized = false, ShutdownRequested = false;

  std::mutex Lock; // guards what follows
  std::condition_variable Wake;
  std::map<std::string, Document> Docs; // by URI
  bool Stopping = false;
  bool Busy = false; // the worker is analysing
  std::vector<std::string> Closed; // paths whose preambles the worker drops
  std::chrono::milliseconds Debounce;

  void setDocsUrl(std::string Url) {
    if (!Url.empty() && Url.back() != '/')
      Url += '/';
    Publish.DocsUrl = std::move(Url);
  }

  void log(MessageType Type, llvm::StringRef Text) {
    Out.notify("window/logMessage", Object{{"type", static_cast<int>(Type)}, {"message", Text}});
  }

  // The message loop. Returns the exit status after `exit`.
  std::optional<int> handle(Value &V) {
    Object *O = V.getAsObject();
    if (!O) {
      Out.replyError(nullptr, InvalidRequest, "a message must be a JSON object");
      return std::nullopt;
    }
    std::optional<llvm::StringRef> Method = O->getString("method");
    Value *Id = O->get("id");
    if (!Method) {
      if (Id && (O->get("result") || O->get("error")))
        return std::nullopt; // a response: the server sends no requests that need one
      Out.replyError(Id ? *Id : Value(nullptr), InvalidRequest, "a request needs a method");
      return std::nullopt;
    }
    Value NoParams = Object{};
    Value *Params = O->get("params");
    if (!Params || Params->kind() == Value::Null)
      Params = &NoParams;
    if (!Id) {
      if (*Method == "exit")
        return ShutdownRequested ? 0 : 1;
      if (Initialized && !ShutdownRequested)
        notification(*Method, *Params);
      return std::nullopt; // notifications before initialize are dropped
    }
    if (*Method != "initialize" && !Initialized) {
      Out.replyError(*Id, ServerNotInitialized, "the server is not initialized");
      return std::nullopt;
    }
    if (ShutdownRequested) {
      Out.replyError(*Id, InvalidRequest, "the server is shutting down");
      return std::nullopt;
    }
    request(*Method, *Id, *Params);
    return std::nullopt;
  }

  void request(llvm::StringRef Method, Value &Id, Value &Params) {
    const Object *P = Params.getAsObject();
    if (!P) {
      Out.replyError(Id, InvalidParams, "params must be an object");
      return;
    }
    if (Method == "initialize") {
      if (Initialized) {
        Out.replyError(Id, InvalidRequest, "initialize was already received");
        return;
      }
      Out.reply(Id, initialize(*P));
      Initialized = true;
    } else if (Method == "shutdown") {
      ShutdownRequested = true;
      Out.reply(Id, nullptr);
    } else if (Method == "textDocument/codeAction") {
      Out.reply(Id, codeAction(*P));
    } else if (Method == "textDocument/hover") {
      Out.reply(Id, hover(*P));
    } else if (Method == "workspace/executeCommand") {
      executeCommand(Id, *P);
    } else {
      Out.replyError(Id, MethodNotFound, "method not found: " + Method.str());
    }
  }

  Value initialize(const Object &P) {
    if (const Object *IO = P.getObject("initializationOptions")) {
      if (std::optional<int64_t> Ms = IO->getInteger("debounceMs"); Ms && *Ms >= 0) {
        std::lock_guard<std::mutex> G(Lock);
        Debounce = std::chrono::milliseconds(*Ms);
      }
      if (std::optional<llvm::StringRef> U = IO->getString("docsUrl"))
        setDocsUrl(U->str());
      // As clangd's option: the folder of compile_commands.json for every file. No
      // document is open yet, so the worker is not reading the databases.
      if (std::optional<llvm::StringRef> Dir = IO->getString("compilationDatabasePath"); Dir && !Dir->empty()) {
        llvm::SmallString<256> Abs(*Dir);
        llvm::sys::fs::make_absolute(Abs);
        DBs.setBuildPath(std::string(Abs));
      }
    }
    return Object{
        {"capabilities",
         Object{{"positionEncoding", "utf-16"},
                {"textDocumentSync",
                 Object{{"openClose", true}, {"change", 2}, {"save", Object{{"includeText", false}}}}},
                {"codeActionProvider", Object{{"codeActionKinds", Array{"quickfix"}}}},
                {"hoverProvider", true},
                {"executeCommandProvider", Object{{"commands", Array{ExplainCommand}}}}}},
        {"serverInfo", Object{{"name", "borrowck"}, {"version", BORROWCK_VERSION}}}};
  }

  static std::optional<std::string> uriOf(const Object &P) {
    const Object *TD = P.getObject("textDocument");
    if (!TD)
      return std::nullopt;
    if (std::optional<llvm::StringRef> U = TD->getString("uri"))
      return U->str();
    return std::nullopt;
  }

  void notification(llvm::StringRef Method, Value &Params) {
    const Object *P = Params.getAsObject();
    if (!P)
      return;
    if (Method == "textDocument/didOpen")
      didOpen(*P);
    else if (Method == "textDocument/didChange")
      didChange(*P);
    else if (Method == "textDocument/didSave")
      schedule(*P, std::chrono::milliseconds(0));
    else if (Method == "textDocument/didClose")
      didClose(*P);
    // Others (initialized, $/cancelRequest, $/setTrace, configuration changes) need
    // nothing: requests are answered at once, so there is nothing to cancel.
  }

  void didOpen(const Object &P) {
    const Object *TD = P.getObject("textDocument");
    std::optional<llvm::StringRef> Uri = TD ? TD->getString("uri") : std::nullopt;
    std::optional<llvm::StringRef> Text = TD ? TD->getString("text") : std::nullopt;
    if (!Uri || !Text)
      return;
    std::optional<std::string> Path = pathFromUri(*Uri);
    if (!Path) {
      log(LogWarning, "borrowck: not a file URI, not analysed: " + Uri->str());
      return;
    }
    std::lock_guard<std::mutex> G(Lock);
    Document &D = Docs[Uri->str()];
    D.Uri = Uri->str();
    D.Path = *Path;
    D.Text = Text->str();
    D.Version = TD->getInteger("version").value_or(0);
    ++D.Generation;
    D.Pending = true;
    D.Due = Clock::now();
    Wake.notify_all();
  }

  void didChange(const Object &P) {
    std::optional<std::string> Uri = uriOf(P);
    const Array *Changes = P.getArray("contentChanges");
    if (!Uri || !Changes)
      return;
    std::lock_guard<std::mutex> G(Lock);
    auto It = Docs.find(*Uri);
    if (It == Docs.end())
      return;
    Document &D = It->second;
    for (const Value &C : *Changes)
      if (const Object *CO = C.getAsObject(); !CO || !applyChange(D.Text, *CO))
        log(LogWarning, "borrowck: a malformed change to " + *Uri + " was ignored");
    if (std::optional<int64_t> V = P.getObject("textDocument")->getInteger("version"))
      D.Version = *V;
    ++D.Generation;
    D.Pending = true;
    D.Due = Clock::now() + Debounce;
    Wake.notify_all();
  }

  void schedule(const Object &P, std::chrono::milliseconds Delay) {
    std::optional<std::string> Uri = uriOf(P);
    if (!Uri)
      return;
    std::lock_guard<std::mutex> G(Lock);
    auto It = Docs.find(*Uri);
    if (It == Docs.end())
      return;
    It->second.Pending = true;
    It->second.Due = Clock::now() + Delay;
    Wake.notify_all();
  }

  void didClose(const Object &P) {
    std::optional<std::string> Uri = uriOf(P);
    if (!Uri)
      return;
    std::lock_guard<std::mutex> G(Lock);
    auto It = Docs.find(*Uri);
    if (It == Docs.end())
      return;
    Closed.push_back(It->second.Path);
    Docs.erase(It);
    Out.notify("textDocument/publishDiagnostics", Object{{"uri", *Uri}, {"diagnostics", Array{}}});
  }

  // The results of the document's current text, or null when it changed since.
  std::shared_ptr<const Published> current(const std::string &Uri, std::string &Path) {
    std::lock_guard<std::mutex> G(Lock);
    auto It = Docs.find(Uri);
    if (It == Docs.end() || !It->second.Last || It->second.Last->Generation != It->second.Generation)
      return nullptr;
    Path = It->second.Path;
    return It->second.Last;
  }

  Value codeAction(const Object &P) {
    std::optional<std::string> Uri = uriOf(P);
    std::string Path;
    std::shared_ptr<const Published> R = Uri ? current(*Uri, Path) : nullptr;
    const Object *Range = P.getObject("range");
    if (!R || !Range)
      return Array{};
    if (const Object *Ctx = P.getObject("context"))
      if (const Array *Only = Ctx->getArray("only")) {
        bool Wanted = false;
        for (const Value &K : *Only)
          if (std::optional<llvm::StringRef> S = K.getAsString())
            Wanted |= *S == "quickfix" || llvm::StringRef("quickfix").starts_with(*S);
        if (!Wanted)
          return Array{};
      }
    std::optional<Position> S = positionFromJson(Range->get("start")), E = positionFromJson(Range->get("end"));
    if (!S || !E)
      return Array{};
    uint32_t From = offsetOf(R->Text, *S), To = offsetOf(R->Text, *E);
    TextLookup Texts{&Path, &R->Text, &R->Result.Sources};
    Array Actions;
    for (const Diagnostic &D : R->Result.Diags) {
      uint32_t B = 0, End = 0;
      // Touching counts: a cursor at either end of the squiggle asks for it.
      if (primaryRange(D, Path, B, End) && B <= To && From <= End)
        codeActions(D, Texts, *Uri, Publish, Actions);
    }
    return Actions;
  }

  Value hover(const Object &P) {
    std::optional<std::string> Uri = uriOf(P);
    std::string Path;
    std::shared_ptr<const Published> R = Uri ? current(*Uri, Path) : nullptr;
    std::optional<Position> At = positionFromJson(P.get("position"));
    if (!R || !At)
      return nullptr;
    uint32_t Offset = offsetOf(R->Text, *At);
    std::string Text;
    Value Range = nullptr;
    for (const Diagnostic &D : R->Result.Diags) {
      uint32_t B = 0, E = 0;
      if (!primaryRange(D, Path, B, E) || Offset < B || Offset > E)
        continue;
      if (!Text.empty())
        Text += "\n\n---\n\n";
      Text += hoverMarkdown(D, Publish);
      if (Range == nullptr)
        Range = rangeJson(R->Text, B, E);
    }
    if (Text.empty())
      return nullptr;
    return Object{{"contents", Object{{"kind", "markdown"}, {"value", Text}}}, {"range", std::move(Range)}};
  }

  void executeCommand(Value &Id, const Object &P) {
    std::optional<llvm::StringRef> Command = P.getString("command");
    const Array *Args = P.getArray("arguments");
    std::optional<llvm::StringRef> Rule =
        Args && !Args->empty() ? (*Args)[0].getAsString() : std::optional<llvm::StringRef>();
    if (!Command || *Command != ExplainCommand) {
      Out.replyError(Id, InvalidParams, "unknown command");
      return;
    }
    const RuleInfo *R = Rule ? findRule(*Rule) : nullptr;
    if (!R) {
      Out.replyError(Id, InvalidParams, "borrowck.explain needs a rule name");
      return;
    }
    std::string Text = explainText(*R);
    Out.notify("window/showMessage", Object{{"type", static_cast<int>(LogInfo)}, {"message", Text}});
    Out.reply(Id, Text);
  }

  // The worker: the document due first, analysed without the lock held.
  void workerLoop() {
    std::unique_lock<std::mutex> L(Lock);
    while (!Stopping) {
      for (const std::string &Path : Closed)
        if (std::none_of(Docs.begin(), Docs.end(), [&](const auto &D) { return D.second.Path == Path; }))
          Preambles.forget(Path);
      Closed.clear();
      Document *Next = nullptr;
      for (auto &[Uri, D] : Docs)
        if (D.Pending && (!Next || D.Due < Next->Due))
          Next = &D;
      if (!Next) {
        Wake.wait(L);
        continue;
      }
      if (Next->Due > Clock::now()) {
        Wake.wait_until(L, Next->Due); // a change meanwhile moves Due: look again
        continue;
      }
      Next->Pending = false;
      auto R = std::make_shared<Published>();
      R->Generation = Next->Generation;
      R->Text = Next->Text;
      std::string Uri = Next->Uri, Path = Next->Path;
      int64_t Version = Next->Version;
      Busy = true;
      L.unlock();
      analyse(Path, *R);
      L.lock();
      Busy = false;
      auto It = Docs.find(Uri);
      if (It == Docs.end() || It->second.Generation != R->Generation)
        continue; // closed or changed while analysed: the result is stale, drop it
      It->second.Last = R;
      for (const auto &[Type, Text] : R->Log)
        log(Type, Text);
      TextLookup Texts{&Path, &R->Text, &R->Result.Sources};
      Array Diags;
      for (const Diagnostic &D : R->Result.Diags) {
        uint32_t B = 0, E = 0;
        if (primaryRange(D, Path, B, E)) // a finding placed in another file is that file's
          Diags.push_back(diagnosticJson(D, Texts, Publish));
      }
      Out.notify("textDocument/publishDiagnostics",
                 Object{{"uri", Uri}, {"version", Version}, {"diagnostics", std::move(Diags)}});
    }
  }

  void analyse(const std::string &Path, Published &R) {
    Databases::Choice DB = DBs.forFile(Path);
    if (!DB.DB) {
      R.Log.emplace_back(LogError, "borrowck: error: " + DB.Error);
      return;
    }
    DriverOptions O = Opts.Base;
    O.Files = {Path};
    O.Unsaved[Path] = R.Text;
    O.AddDefaultStd = DB.AddDefaultStd;
    O.Jobs = 1;
    O.Preambles = &Preambles;
    // The driver recovers from a crash in one function; this catches the rest, so
    // one bad analysis leaves the file without diagnostics and the server alive.
    llvm::CrashRecoveryContext CRC;
    if (!CRC.RunSafely([&] {
          if (O.CrashIn == "*")
            LLVM_BUILTIN_TRAP; // --debug-crash-in='*': tests the recovery of a whole analysis
          R.Result = analyseOneFile(*DB.DB, O, Path);
        })) {
      R.Result = FileAnalysis();
      R.Log.emplace_back(LogError, "borrowck: internal error: the analysis of '" + Path +
                                       "' crashed; no diagnostics for it");
      return;
    }
    if (!R.Result.ClangOutput.empty())
      R.Log.emplace_back(LogLog, R.Result.ClangOutput);
    for (const ToolMessage &M : R.Result.Messages)
      R.Log.emplace_back(M.Kind == Level::Error ? LogError : M.Kind == Level::Warning ? LogWarning : LogInfo,
                         "borrowck: " + std::string(levelName(M.Kind)) + ": " + M.Text);
  }
};

} // namespace

int runLanguageServer(const ServerOptions &Opts, std::FILE *In, llvm::raw_ostream &Out) {
  Server S(Opts, Out);
  return S.run(In);
}

} // namespace borrowck::lsp
