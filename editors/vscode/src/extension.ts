// The VS Code side of the mentor language: starts `mentor lsp` (a language server speaking
// over stdio) for documents of language `mentor`, restarts it when the `mentor.server.path`
// setting changes, and stops it when the extension is deactivated.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  Executable,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

const SETTING_SECTION = "mentor";
const SERVER_PATH_SETTING = "server.path";

let client: LanguageClient | undefined;
// Starts and stops run one after another, never interleaved (a quick series of setting
// changes would otherwise start two servers).
let queue: Promise<void> = Promise.resolve();

function serverPath(): string {
  const configured = vscode.workspace
    .getConfiguration(SETTING_SECTION)
    .get<string>(SERVER_PATH_SETTING, "mentor")
    .trim();
  if (configured.length === 0) {
    return "mentor";
  }
  // `~/bin/mentor` means the home folder's bin, as it would in a shell.
  if (configured === "~" || configured.startsWith("~/")) {
    return path.join(os.homedir(), configured.slice(1));
  }
  return configured;
}

function createClient(command: string, output: vscode.LogOutputChannel): LanguageClient {
  // No `transport`: the server speaks over stdin/stdout all the same, and the client does not
  // add the `--stdio` argument it adds for TransportKind.stdio, so the command is exactly
  // `mentor lsp`.
  const run: Executable = { command, args: ["lsp"] };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "mentor" },
      { scheme: "untitled", language: "mentor" },
    ],
    outputChannel: output,
  };
  return new LanguageClient("mentor", "Mentor language server", serverOptions, clientOptions);
}

// Whether `command` names a program that exists: a path, or a name found on PATH.
function programExists(command: string): boolean {
  const isFile = (candidate: string): boolean => {
    try {
      return fs.statSync(candidate).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes("/") || command.includes("\\")) {
    return isFile(command);
  }
  const extensions =
    process.platform === "win32"
      ? ["", ...(process.env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";")]
      : [""];
  const directories = (process.env.PATH ?? "").split(path.delimiter).filter((d) => d.length > 0);
  return directories.some((directory) =>
    extensions.some((extension) => isFile(path.join(directory, command + extension))),
  );
}

async function reportMissingProgram(command: string): Promise<void> {
  const openSettings = "Open Settings";
  const choice = await vscode.window.showErrorMessage(
    `Mentor: cannot find the program "${command}", so .mentor files are coloured but not ` +
      `checked. Install mentor, or set "mentor.server.path" to the mentor program.`,
    openSettings,
  );
  if (choice === openSettings) {
    await vscode.commands.executeCommand(
      "workbench.action.openSettings",
      `${SETTING_SECTION}.${SERVER_PATH_SETTING}`,
    );
  }
}

async function startClient(output: vscode.LogOutputChannel): Promise<void> {
  const command = serverPath();
  if (!programExists(command)) {
    output.error(`Cannot find the program "${command}" (setting mentor.server.path).`);
    void reportMissingProgram(command);
    return;
  }
  const next = createClient(command, output);
  client = next;
  try {
    await next.start();
  } catch (error) {
    // The client has already shown the error and written it to the output channel.
    client = undefined;
    const message = error instanceof Error ? error.message : String(error);
    output.error(`Could not start "${command} lsp": ${message}`);
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running === undefined) {
    return;
  }
  try {
    await running.stop();
  } catch {
    // A server that never started, or has already died, has nothing left to stop.
  }
}

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task);
  return queue;
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("Mentor language server", { log: true });
  context.subscriptions.push(output);

  const restart = (): Promise<void> =>
    enqueue(async () => {
      await stopClient();
      await startClient(output);
    });

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTING_SECTION}.${SERVER_PATH_SETTING}`)) {
        void restart();
      }
    }),
    vscode.commands.registerCommand("mentor.restartServer", restart),
  );

  return enqueue(() => startClient(output));
}

export function deactivate(): Promise<void> {
  return enqueue(stopClient);
}
