#include "lsp/Transport.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace borrowck::lsp {

namespace {

// One header line without its CR LF (a bare LF is accepted too); false at end of input.
bool readLine(std::FILE *In, std::string &Line) {
  Line.clear();
  for (int C = std::fgetc(In); C != EOF; C = std::fgetc(In)) {
    if (C == '\n') {
      if (!Line.empty() && Line.back() == '\r')
        Line.pop_back();
      return true;
    }
    Line.push_back(static_cast<char>(C));
    if (Line.size() > 64 * 1024) // not a header: keep reading to its end
      Line.erase(0, 32 * 1024);
  }
  return !Line.empty();
}

// A limit on one message, so a corrupt length cannot make the server allocate without end.
constexpr unsigned long long MaxMessage = 256ull << 20;

} // namespace

ReadStatus readMessage(std::FILE *In, std::string &Body, std::string &Why) {
  std::string Line;
  bool Any = false, HaveLength = false;
  unsigned long long Length = 0;
  Why.clear();
  while (true) {
    if (!readLine(In, Line))
      return ReadStatus::End;
    if (Line.empty()) {
      if (!Any)
        continue; // blank lines between messages
      break;
    }
    Any = true;
    auto [Name, Value] = llvm::StringRef(Line).split(':');
    if (!Name.trim().equals_insensitive("content-length"))
      continue;
    if (Value.trim().getAsInteger(10, Length)) {
      Why = "bad Content-Length header '" + Line + "'";
      HaveLength = false;
    } else if (Length > MaxMessage) {
      Why = "Content-Length " + std::to_string(Length) + " is over the limit";
      HaveLength = false;
    } else {
      HaveLength = true;
    }
  }
  if (!HaveLength) {
    if (Why.empty())
      Why = "message without a Content-Length header";
    return ReadStatus::BadHeader;
  }
  Body.resize(Length);
  if (Length && std::fread(Body.data(), 1, Length, In) != Length)
    return ReadStatus::End;
  return ReadStatus::Message;
}

void Writer::send(const llvm::json::Value &Message) {
  std::string Text;
  llvm::raw_string_ostream(Text) << Message;
  std::lock_guard<std::mutex> G(Lock);
  Out << "Content-Length: " << Text.size() << "\r\n\r\n" << Text;
  Out.flush();
}

void Writer::notify(llvm::StringRef Method, llvm::json::Value Params) {
  send(llvm::json::Object{{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

void Writer::reply(llvm::json::Value Id, llvm::json::Value Result) {
  send(llvm::json::Object{{"jsonrpc", "2.0"}, {"id", std::move(Id)}, {"result", std::move(Result)}});
}

void Writer::replyError(llvm::json::Value Id, int Code, llvm::StringRef Text) {
  send(llvm::json::Object{{"jsonrpc", "2.0"},
                          {"id", std::move(Id)},
                          {"error", llvm::json::Object{{"code", Code}, {"message", Text}}}});
}

} // namespace borrowck::lsp
