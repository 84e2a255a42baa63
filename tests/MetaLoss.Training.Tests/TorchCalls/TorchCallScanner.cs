using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace MetaLoss.Training.Tests.TorchCalls;

/// <summary>
/// Compiles C# sources against the assemblies this test runs with and lists every call into
/// TorchSharp that can hand libtorch a temporary Scalar: an implicit conversion to Scalar, a
/// ToScalar() passed straight to a call, or any TorchSharp method, constructor, operator or indexer
/// that is not in the reviewed list (unreviewed ones may make a Scalar inside, as add_(Tensor) does).
/// Compiled, not pattern-matched, so overloads are told apart exactly and nothing is guessed.
/// </summary>
public static class TorchCallScanner
{
    private const string TorchSharpAssembly = "TorchSharp";

    private static readonly SymbolDisplayFormat MemberFormat = SymbolDisplayFormat.CSharpErrorMessageFormat
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType)
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters);

    /// <summary>The SDK's implicit usings, which the project file switches on.</summary>
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    /// <summary>One line per finding: "path:line: member: why".</summary>
    public static IReadOnlyList<string> Findings(IEnumerable<(string Path, string Text)> sources, IReadOnlySet<string> reviewed,
        IEnumerable<string> excludedAssemblies)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "ImplicitUsings.cs"))
            .ToList();
        var compilation = CSharpCompilation.Create("TorchCallScan", trees, References(excludedAssemblies.ToHashSet()),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException($"the sources do not compile for the scan, so its findings would be guesses: {string.Join("; ", errors)}");

        var findings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                // Roots only (a body, an initializer): their descendants include the implicit conversions.
                if (model.GetOperation(node) is not { Parent: null } root) continue;
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (Finding(operation, reviewed) is { } why)
                        findings.Add($"{Where(operation.Syntax)}: {why}");
                }
            }
        }
        return [.. findings];
    }

    private static string? Finding(IOperation operation, IReadOnlySet<string> reviewed)
    {
        if (operation is IConversionOperation { OperatorMethod: { } conversion } && IsTorchSharp(conversion) && conversion.ReturnType.Name == "Scalar")
            return $"{Name(conversion)}: an implicit conversion makes a temporary Scalar; use a kept-alive one (TorchScalars, or a local disposed after the call)";
        var member = Member(operation);
        if (member is null || !IsTorchSharp(member)) return null;
        if (!reviewed.Contains(Name(member)))
            return $"{Name(member)}: not reviewed; read it in TorchSharp's source: if it makes a Scalar inside, call an overload that takes a kept-alive one, else add it to ReviewedTorchMembers";
        if (member.Name == "ToScalar" && operation.Parent is IArgumentOperation)
            return $"{Name(member)}: passed straight to a call, the Scalar is a temporary; keep it in a local disposed after the call";
        return null;
    }

    private static ISymbol? Member(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        IObjectCreationOperation creation => creation.Constructor,
        IBinaryOperation binary => binary.OperatorMethod,
        IUnaryOperation unary => unary.OperatorMethod,
        ICompoundAssignmentOperation compound => compound.OperatorMethod,
        IIncrementOrDecrementOperation increment => increment.OperatorMethod,
        IMethodReferenceOperation reference => reference.Method,
        IConversionOperation conversion => conversion.OperatorMethod,
        IPropertyReferenceOperation { Property.IsIndexer: true } indexer => indexer.Property,
        _ => null,
    };

    private static bool IsTorchSharp(ISymbol symbol) => symbol.ContainingAssembly?.Name == TorchSharpAssembly;

    private static string Name(ISymbol symbol)
    {
        var definition = symbol is IMethodSymbol { ReducedFrom: { } extension } ? extension : symbol.OriginalDefinition;
        return definition.ToDisplayString(MemberFormat);
    }

    private static string Where(SyntaxNode syntax)
    {
        var span = syntax.GetLocation().GetLineSpan();
        return $"{span.Path}:{span.StartLinePosition.Line + 1}";
    }

    /// <summary>Every assembly this test process can load (the framework and the test's dependencies), less the excluded ones.</summary>
    private static IEnumerable<MetadataReference> References(IReadOnlySet<string> excluded) =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Where(path => !excluded.Contains(Path.GetFileNameWithoutExtension(path)))
        .Select(path => MetadataReference.CreateFromFile(path));
}
