#include <string>
#include <utility>
void sink(std::string);
void first() { std::string s; sink(std::move(s)); sink(s); }
std::size_t second() { std::string t; sink(std::move(t)); return t.size(); }
