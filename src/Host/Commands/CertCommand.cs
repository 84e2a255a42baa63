using System.CommandLine;
using System.Text;
using MetaLoss.Host.Security;

namespace MetaLoss.Host.Commands;

/// <summary>
/// `metaloss cert create DIR`: a CA for one cluster and the node certificate it signs, for --tls.
/// Never overwrites: an existing file means a CA is already there, and replacing it would lock out
/// every machine that has the old one.
/// </summary>
public static class CertCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "folder to create the certificates in (made if absent; existing certificates are never overwritten)" };
        var create = new Command("create", "Make a CA and a node certificate for a cluster: copy DIR/node to every machine and start each process with --tls DIR/node");
        create.Arguments.Add(directory);
        create.SetAction(result =>
        {
            Write(result.GetValue(directory)!);
            return 0;
        });
        var command = new Command("cert", "Certificates for a cluster with mutual TLS");
        command.Subcommands.Add(create);
        return command;
    }

    private static void Write(string directory)
    {
        var nodeFolder = Path.Combine(directory, CertificateFolder.NodeFolder);
        var authorityFolder = Path.Combine(directory, CertificateFolder.AuthorityFolder);
        string[] files =
        [
            Path.Combine(nodeFolder, CertificateFolder.AuthorityCertificate), Path.Combine(nodeFolder, CertificateFolder.NodeCertificate),
            Path.Combine(nodeFolder, CertificateFolder.NodePassword), Path.Combine(authorityFolder, CertificateFolder.AuthorityKey),
            Path.Combine(authorityFolder, CertificateFolder.AuthorityPassword),
        ];
        if (files.FirstOrDefault(File.Exists) is { } existing)
            throw new ArgumentException($"cert create {directory}: {existing} exists; refusing to overwrite a cluster's certificates (choose another DIR)");

        using var certificates = LabCertificates.Create(DateTimeOffset.UtcNow);
        var nodePassword = LabCertificates.NewPassword();
        var authorityPassword = LabCertificates.NewPassword();
        try
        {
            CreatePrivateFolder(nodeFolder);
            CreatePrivateFolder(authorityFolder);
            SecretFile.Create(files[0], Encoding.ASCII.GetBytes(certificates.Authority.ExportCertificatePem() + "\n"));
            SecretFile.Create(files[1], LabCertificates.ExportWithKey(certificates.Node, nodePassword));
            SecretFile.Create(files[2], Encoding.ASCII.GetBytes(nodePassword + "\n"));
            SecretFile.Create(files[3], LabCertificates.ExportWithKey(certificates.Authority, authorityPassword));
            SecretFile.Create(files[4], Encoding.ASCII.GetBytes(authorityPassword + "\n"));
        }
        catch (IOException e)
        {
            throw new ArgumentException($"cert create {directory}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ArgumentException($"cert create {directory}: {e.Message}");
        }

        Console.WriteLine($"Made the CA \"{certificates.Authority.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)}\" " +
                          $"and a node certificate it signed, valid until {certificates.Node.NotAfter:yyyy-MM-dd}.");
        Console.WriteLine($"  {nodeFolder}: copy this folder to every machine of the cluster (scp -rp keeps it private) and start");
        Console.WriteLine($"    every evolve, node and status --cluster with --tls {nodeFolder}");
        Console.WriteLine($"  {authorityFolder}: the CA's private key; no machine of the cluster needs it, keep it here or offline");
    }

    private static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
