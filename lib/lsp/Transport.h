// The Language Server Protocol's base protocol: messages framed by a
// `Content-Length: N` header, then a blank line, then N bytes of JSON.
#pragma once

#include "llvm/Support/JSON.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace llvm {
class raw_ostream;
}

namespace borrowck::lsp {

enum class ReadStatus {
  Message,   // Body holds one message's bytes
  BadHeader, // a header block without a usable Content-Length (skipped; Why says why)
  End,       // end of input (or input cut in the middle of a message)
};

// Reads the next message. Header lines other than Content-Length are ignored
// (Content-Type is optional and only utf-8 is used).
ReadStatus readMessage(std::FILE *In, std::string &Body, std::string &Why);

// Writes whole messages; safe to call from several threads.
class Writer {
public:
  explicit Writer(llvm::raw_ostream &Out) : Out(Out) {}
  void send(const llvm::json::Value &Message);
  void notify(llvm::StringRef Method, llvm::json::Value Params);
  void reply(llvm::json::Value Id, llvm::json::Value Result);
  void replyError(llvm::json::Value Id, int Code, llvm::StringRef Text);

private:
  std::mutex Lock;
  llvm::raw_ostream &Out;
};

// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
};

} // namespace borrowck::lsp
