using Amani.Platform.Cli;

return await AmaniCli.InvokeAsync(args);
