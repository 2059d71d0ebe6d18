// Line table for one source file. A line starts at offset 0 and after every '\n', so a
// file ending in '\n' has a last, empty line (where an end-of-file position points, as
// in rustc). Lines end at '\n'; a '\r' before it is not part of the line.
#include "render/SourceText.h"

#include <algorithm>

namespace borrowck {

SourceText::SourceText(std::string T) : Text(std::move(T)) {
  LineStarts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      LineStarts.push_back(static_cast<uint32_t>(I + 1));
}

LineCol SourceText::lineCol(uint32_t Offset) const {
  if (LineStarts.empty())
    return {1, 1};
  Offset = std::min<uint32_t>(Offset, static_cast<uint32_t>(Text.size()));
  auto It = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  uint32_t Line = static_cast<uint32_t>(It - LineStarts.begin());
  uint32_t Col = 1;
  for (uint32_t I = LineStarts[Line - 1]; I < Offset; ++I)
    if ((static_cast<unsigned char>(Text[I]) & 0xC0) != 0x80) // not a UTF-8 continuation byte
      ++Col;
  return {Line, Col};
}

std::string_view SourceText::line(uint32_t Line) const {
  if (Line == 0 || Line > LineStarts.size())
    return {};
  size_t Begin = LineStarts[Line - 1];
  size_t End = Line < LineStarts.size() ? LineStarts[Line] - 1 : Text.size();
  if (End > Begin && Text[End - 1] == '\r') // "\r\n", or a stray '\r' at the end of the file
    --End;
  return std::string_view(Text).substr(Begin, End - Begin);
}

} // namespace borrowck
