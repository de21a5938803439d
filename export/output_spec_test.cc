#include "export/output_spec.h"

#include <gtest/gtest.h>

namespace mybuild::exporter {
namespace {

OutputSpec Parsed(const std::string& v) {
  Expected<OutputSpec> s = ParseOutput(v);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : OutputSpec{};
}

std::string Error(const std::string& v) {
  Expected<OutputSpec> s = ParseOutput(v);
  EXPECT_FALSE(s.ok());
  return s.ok() ? "" : s.status().message();
}

TEST(OutputSpecTest, ReadsEveryTypeAndOption) {
  OutputSpec oci = Parsed("type=oci,dest=out.tar,compression=uncompressed,oci-mediatypes=false");
  EXPECT_EQ(oci.type, OutputType::kOci);
  EXPECT_EQ(oci.dest, "out.tar");
  EXPECT_EQ(oci.layers.compression, LayerCompression::kUncompressed);
  EXPECT_EQ(oci.layers.oci_mediatypes, std::optional<bool>(false));
  OutputSpec img = Parsed("type=image,name=a:1,name=b:2,push=true,compression-level=9,"
                          "force-compression=true");
  EXPECT_EQ(img.names, (std::vector<std::string>{"a:1", "b:2"}));
  EXPECT_TRUE(img.push);
  EXPECT_EQ(img.layers.level, std::optional<int>(9));
  EXPECT_EQ(Parsed("type=oci,dest=x,compression=zstd").layers.compression,
            LayerCompression::kZstd);
  EXPECT_TRUE(img.layers.force);
  EXPECT_TRUE(Parsed("type=registry").push);
  EXPECT_EQ(Parsed("type=docker,dest=-").dest, "-");
  OutputSpec epoch = Parsed("type=oci,dest=x,rewrite-timestamp=true,source-date-epoch=1700000000");
  EXPECT_TRUE(epoch.rewrite_timestamp);
  EXPECT_EQ(epoch.source_date_epoch, std::optional<int64_t>(1700000000));
  EXPECT_FALSE(Parsed("type=oci,dest=x").rewrite_timestamp);
}

TEST(OutputSpecTest, ABareWordIsALocalDirAndDashATar) {
  OutputSpec local;
  local.type = OutputType::kLocal;
  local.dest = "out";
  EXPECT_EQ(Parsed("out"), local);
  OutputSpec tar;
  tar.type = OutputType::kTar;
  tar.dest = "-";
  EXPECT_EQ(Parsed("-"), tar);
}

TEST(OutputSpecTest, NamesWhatIsWrong) {
  EXPECT_EQ(Error("type=tra,dest=x"),
            "invalid --output \"type=tra,dest=x\": unknown type \"tra\" (did you mean tar?)");
  EXPECT_EQ(Error("type=oci"), "invalid --output \"type=oci\": dest is required for type=oci");
  EXPECT_EQ(Error("type=image,dest=x"),
            "invalid --output \"type=image,dest=x\": dest is not used by type=image");
  EXPECT_EQ(Error("type=local,dest=-"),
            "invalid --output \"type=local,dest=-\": type=local needs a directory, not -");
  EXPECT_EQ(Error("type=tar,dest=x,compression=lz4"),
            "invalid --output \"type=tar,dest=x,compression=lz4\": "
            "compression must be gzip, zstd or uncompressed");
  EXPECT_EQ(Error("type=tar,dest=x,compression-level=12"),
            "invalid --output \"type=tar,dest=x,compression-level=12\": "
            "compression-level must be 0-9 for gzip, not 12");
  EXPECT_EQ(Error("type=tar,dest=x,compression-level=23,compression=zstd"),
            "invalid --output \"type=tar,dest=x,compression-level=23,compression=zstd\": "
            "compression-level must be 1-22 for zstd, not 23");
  EXPECT_EQ(Error("type=tar,dest=x,compression-level=fast"),
            "invalid --output \"type=tar,dest=x,compression-level=fast\": "
            "compression-level must be a number, not \"fast\"");
  EXPECT_EQ(Error("type=oci,dest=x,compression=zstd,oci-mediatypes=false"),
            "invalid --output \"type=oci,dest=x,compression=zstd,oci-mediatypes=false\": "
            "compression=zstd needs oci-mediatypes (Docker has no zstd type)");
  EXPECT_EQ(Error("type=tar,dest=x,push=maybe"),
            "invalid --output \"type=tar,dest=x,push=maybe\": "
            "push must be true or false, not \"maybe\"");
  EXPECT_EQ(Error("type=oci,dest=x,source-date-epoch=-1"),
            "invalid --output \"type=oci,dest=x,source-date-epoch=-1\": "
            "source-date-epoch must be a number of seconds since 1970, not \"-1\"");
  EXPECT_EQ(Error("type=oci,dest=x,rewrite-timestamp=yes"),
            "invalid --output \"type=oci,dest=x,rewrite-timestamp=yes\": "
            "rewrite-timestamp must be true or false, not \"yes\"");
  EXPECT_EQ(Error("type=tar,dst=x"), "invalid --output \"type=tar,dst=x\": unknown key \"dst\"");
  EXPECT_EQ(Error("type=tar,x"),
            "invalid --output \"type=tar,x\": field 'x' must be a key=value pair");
}

}  // namespace
}  // namespace mybuild::exporter
