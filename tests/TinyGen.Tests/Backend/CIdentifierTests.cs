using TinyGen.Emit;

namespace TinyGen.Tests.Backend;

public class CIdentifierTests
{
    [Theory]
    [InlineData("conv1/weights:0", "conv1_weights_0")]
    [InlineData("a*/b\"\n", "a_b")]
    [InlineData("#include <stdio.h>", "include_stdio_h")]
    [InlineData("int", "int_")]
    [InlineData("while", "while_")]
    [InlineData("NULL", "NULL_")]
    [InlineData("__reserved", "reserved")]
    [InlineData("_Bool", "Bool")]
    [InlineData("123abc", "t_123abc")]
    [InlineData("***", "t")]
    [InlineData("", "t")]
    [InlineData("café_ñ", "caf")] // non-ASCII becomes '_', runs collapse, trailing '_' trimmed
    public void Sanitize_gives_hand_checked_identifiers(string name, string expected)
    {
        var id = CIdentifier.Sanitize(name);
        Assert.Equal(expected, id);
        Assert.True(CIdentifier.IsValid(id), $"'{id}' is not a valid, unreserved C identifier");
    }

    [Fact]
    public void Every_sanitized_name_is_a_valid_identifier()
    {
        var random = new Random(7);
        var alphabet = "aZ9_ */\"\\\n\r\t#<>?é€\u0000\u2028'{};()".ToCharArray();
        for (var i = 0; i < 2000; i++)
        {
            var name = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var id = CIdentifier.Sanitize(name);
            Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*$", id);
            Assert.True(CIdentifier.IsValid(id), $"'{id}' from '{name}'");
            Assert.True(id.Length <= CIdentifier.MaxLength + 1);
        }
    }

    [Fact]
    public void Names_that_collide_after_sanitizing_get_numbered_suffixes()
    {
        var scope = new CIdentifierScope();
        Assert.Equal("a_b", scope.Claim("a-b"));
        Assert.Equal("a_b_2", scope.Claim("a.b"));
        Assert.Equal("a_b_3", scope.Claim("a b"));
        Assert.Equal("a_b", scope.Claim("a-b"));        // same name, same identifier
        Assert.Equal("a_b_2_2", scope.Claim("a_b_2"));  // a natural name equal to a generated one
        Assert.Equal("A_B_4", scope.Claim("A_B"));      // case-insensitive: upper-cased macros stay unique
    }

    [Fact]
    public void Reserved_words_of_a_scope_are_never_handed_out()
    {
        var scope = new CIdentifierScope(["count"]);
        Assert.Equal("COUNT_2", scope.Claim("COUNT"));
    }

    [Fact]
    public void Model_stem_is_lower_case_and_avoids_firmware_names()
    {
        Assert.Equal("mobilenet_v2", CEmitter.ModelStem("MobileNet-V2"));
        Assert.Equal("model_tg_nn", CEmitter.ModelStem("tg_nn"));
        Assert.Equal("model_harness", CEmitter.ModelStem("Harness"));
        Assert.Equal("int_", CEmitter.ModelStem("INT"));
        Assert.Equal("model", CEmitter.ModelStem("???"));
        Assert.True(CEmitter.ModelStem(new string('x', 200)).Length <= CIdentifier.MaxModelLength);
    }

    [Theory]
    [InlineData("plain name", "plain name")]
    [InlineData("a*/b", "a* /b")]
    [InlineData("x/*y", "x/ *y")]
    [InlineData("*/*/", "* / * /")]
    [InlineData("line1\nline2\r\n", "line1 line2  ")]
    [InlineData("é", "U+00E9")]
    [InlineData("ends with \\", "ends with \\ ")]
    public void Comment_text_cannot_end_the_comment_or_the_line(string text, string expected)
    {
        var comment = CText.Comment(text);
        Assert.Equal(expected, comment);
        Assert.DoesNotContain("*/", comment);
        Assert.DoesNotContain("/*", comment);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("??=", "\\?\\?=")]
    [InlineData("new\nline", "new\\012line")]
    [InlineData("é", "\\303\\251")]
    [InlineData("\u00001", "\\0001")]
    public void String_bodies_escape_everything_C_could_misread(string text, string expected) =>
        Assert.Equal(expected, CText.StringBody(text));
}
