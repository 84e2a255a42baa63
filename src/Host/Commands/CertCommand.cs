using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using MetaLoss.Host.Security;

namespace MetaLoss.Host.Commands;

/// <summary>`metaloss cert create DIR`: a CA for one cluster and the node certificate it signs, for --tls.</summary>
public static class CertCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "folder to create the certificates in (made if absent; existing certificates are never overwritten)" };
        var create = new Command("create", "Make a CA and a node certificate for a cluster: copy DIR/node to every machine and start each process with --tls DIR/node");
        create.Arguments.Add(directory);
        create.SetAction(result =>
        {
            var path = result.GetValue(directory)!;
            using var certificates = CertificateFolder.Create(path);
            var node = Path.Combine(path, CertificateFolder.NodeFolder);
            Console.WriteLine($"Made the CA \"{certificates.Authority.GetNameInfo(X509NameType.SimpleName, false)}\" " +
                              $"and a node certificate it signed, valid until {certificates.Node.NotAfter:yyyy-MM-dd}.");
            Console.WriteLine($"  {node}: copy this folder to every machine of the cluster (scp -rp keeps it private) and start");
            Console.WriteLine($"    every evolve, node and status --cluster with --tls {node}");
            Console.WriteLine($"  {Path.Combine(path, CertificateFolder.AuthorityFolder)}: the CA's private key; no machine of the cluster needs it, keep it here or offline");
            return 0;
        });
        var command = new Command("cert", "Certificates for a cluster with mutual TLS");
        command.Subcommands.Add(create);
        return command;
    }
}
