// Source text for renderers: byte offsets -> 1-based line and character column.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace borrowck {

struct LineCol {
  uint32_t Line = 0; // 1-based
  uint32_t Col = 0;  // 1-based, counted in characters (UTF-8 code points), a tab is 1
};

class SourceText {
public:
  SourceText() = default;
  explicit SourceText(std::string Text);
  const std::string &text() const { return Text; }
  LineCol lineCol(uint32_t Offset) const;
  // The text of a 1-based line, without its line terminator.
  std::string_view line(uint32_t Line) const;
  uint32_t lineCount() const { return static_cast<uint32_t>(LineStarts.size()); }
  uint32_t lineStart(uint32_t Line) const { return LineStarts[Line - 1]; }

private:
  std::string Text;
  std::vector<uint32_t> LineStarts;
};

// The files diagnostics point into, by the path the diagnostics carry.
class SourceSet {
public:
  void add(const std::string &Path, std::string Text) { Files[Path] = SourceText(std::move(Text)); }
  const SourceText *find(const std::string &Path) const {
    auto It = Files.find(Path);
    return It == Files.end() ? nullptr : &It->second;
  }
  // Every file, by path.
  const std::map<std::string, SourceText> &files() const { return Files; }

private:
  std::map<std::string, SourceText> Files;
};

} // namespace borrowck
