#include "base/in_root_path.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <map>

namespace mybuild {
namespace {

// A fake tree: each path (root-relative) maps to a symlink target, or to
// "" for a plain entry; what is not in the map is missing.
class FakeTree {
 public:
  explicit FakeTree(std::map<std::string, std::string> entries)
      : entries_(std::move(entries)) {}

  InRootWalk Walk(bool follow_last) {
    InRootWalk walk;
    walk.follow_last = follow_last;
    walk.step = [this](const std::vector<std::string>& dir,
                       const std::string& name,
                       bool last) -> Expected<InRootEntry> {
      std::vector<std::string> at = dir;
      at.push_back(name);
      std::string key = JoinInRoot(at);
      asked.push_back(key + (last ? " (last)" : ""));
      if (key == "unreadable") return IoError("cannot read " + key);
      auto it = entries_.find(key);
      if (it == entries_.end()) return InRootEntry{InRootEntry::kMissing, ""};
      if (it->second.empty()) return InRootEntry{InRootEntry::kPresent, ""};
      return InRootEntry{InRootEntry::kSymlink, it->second};
    };
    walk.too_many_links = [] { return SysError("resolve", "x", ELOOP); };
    return walk;
  }

  std::vector<std::string> asked;

 private:
  std::map<std::string, std::string> entries_;
};

std::string Resolved(FakeTree& tree, const std::string& path,
                     bool follow_last = true) {
  Expected<std::string> got = ResolveInRoot(path, tree.Walk(follow_last));
  return got.ok() ? *got : "error: " + got.status().message();
}

TEST(InRootPathTest, SplitAndJoinDropEmptyAndDot) {
  EXPECT_EQ(SplitInRoot("//a/./b/../c/"),
            (std::vector<std::string>{"a", "b", "..", "c"}));
  EXPECT_EQ(JoinInRoot({"a", "b"}), "a/b");
  EXPECT_EQ(JoinInRoot({}), "");
}

TEST(InRootPathTest, PlainPathIsCleaned) {
  FakeTree tree({{"a", ""}, {"a/b", ""}});
  EXPECT_EQ(Resolved(tree, "/a/./b/"), "a/b");
  EXPECT_EQ(Resolved(tree, "/"), "");
  EXPECT_EQ(tree.asked, (std::vector<std::string>{"a", "a/b (last)"}));
}

TEST(InRootPathTest, AbsoluteTargetStartsAgainAtTheRoot) {
  FakeTree tree({{"a", ""}, {"a/link", "/etc"}, {"etc", ""}, {"etc/f", ""}});
  EXPECT_EQ(Resolved(tree, "a/link/f"), "etc/f");
}

TEST(InRootPathTest, RelativeTargetResolvesFromTheLinksDirectory) {
  FakeTree tree({{"a", ""}, {"a/link", "../b"}, {"b", ""}});
  EXPECT_EQ(Resolved(tree, "a/link"), "b");
}

TEST(InRootPathTest, DotDotStopsAtTheRoot) {
  FakeTree tree({{"a", ""}, {"a/up", "../../../.."}, {"b", ""}});
  EXPECT_EQ(Resolved(tree, "../../b"), "b");
  EXPECT_EQ(Resolved(tree, "a/up/b"), "b");
  EXPECT_EQ(Resolved(tree, "a/.."), "");
}

TEST(InRootPathTest, LastSymlinkIsKeptWithoutFollowLast) {
  FakeTree tree({{"a", ""}, {"a/link", "/b"}, {"b", ""}});
  EXPECT_EQ(Resolved(tree, "a/link", false), "a/link");
  EXPECT_EQ(Resolved(tree, "a/link", true), "b");
  // Only the last component is spared: here ".." follows the link.
  EXPECT_EQ(Resolved(tree, "a/link/..", false), "");
}

TEST(InRootPathTest, MissingComponentKeepsTheRestAsWritten) {
  FakeTree tree({{"a", ""}, {"link", "/a"}});
  EXPECT_EQ(Resolved(tree, "a/gone/link/x/../y"), "a/gone/link/y");
  EXPECT_EQ(Resolved(tree, "gone/../../link"), "link");
  // Nothing under the missing component is asked about.
  tree.asked.clear();
  Resolved(tree, "gone/link");
  EXPECT_EQ(tree.asked, (std::vector<std::string>{"gone"}));
}

TEST(InRootPathTest, LoopFailsWithTheCallersMessage) {
  FakeTree tree({{"a", "b"}, {"b", "a"}});
  EXPECT_EQ(Resolved(tree, "a"),
            "error: resolve \"x\": Too many levels of symbolic links");
  EXPECT_EQ(tree.asked.size(), 41u);
}

TEST(InRootPathTest, FortyLinksAreFollowed) {
  std::map<std::string, std::string> entries{{"l40", "/end"}, {"end", ""}};
  for (int i = 0; i < 40; ++i) {
    entries["l" + std::to_string(i)] = "l" + std::to_string(i + 1);
  }
  FakeTree tree(entries);
  EXPECT_EQ(Resolved(tree, "l1"), "end");
  EXPECT_EQ(Resolved(tree, "l0"),
            "error: resolve \"x\": Too many levels of symbolic links");
}

TEST(InRootPathTest, StepErrorStopsTheWalk) {
  FakeTree tree({});
  EXPECT_EQ(Resolved(tree, "unreadable/x"), "error: cannot read unreadable");
}

}  // namespace
}  // namespace mybuild
