import { describe, expect, it, vi } from "vitest";

// core is not here: the status answers with how often it was asked
let asked = 0;
vi.mock("./api", () => {
  const unused = () => Promise.reject(new Error("not asked in these tests"));
  return {
    programStatus: () => Promise.resolve(`status ${++asked}`),
    applyEdit: unused,
    history: unused,
    itemTitles: unused,
    listItems: unused,
    listRegisters: unused,
    programOverview: unused,
    redo: unused,
    undo: unused,
    toApiError: (thrown: unknown) => thrown,
  };
});

const { OpenProgram } = await import("./program.svelte");

describe("reads made once per version of the program", () => {
  it("answers every view's ask with one read until the program changes", async () => {
    const program = new OpenProgram(1);
    const first = program.statusNow();
    expect(program.statusNow()).toBe(first);
    expect(await first).toBe("status 1");
    expect(asked).toBe(1);
    program.version++;
    expect(await program.statusNow()).toBe("status 2");
    expect(asked).toBe(2);
  });

  it("keeps each read apart by what it reads, and drops the version before's", async () => {
    const program = new OpenProgram(2);
    const teams = program.once("teams", () => Promise.resolve(["t1"]));
    const people = program.once("people", () => Promise.resolve(["p1"]));
    expect(await teams).toEqual(["t1"]);
    expect(await people).toEqual(["p1"]);
    expect(program.once("teams", () => Promise.resolve(["other"]))).toBe(teams);
    program.version++;
    expect(await program.once("teams", () => Promise.resolve(["t2"]))).toEqual(["t2"]);
  });

  it("asks again after a read that failed", async () => {
    const program = new OpenProgram(3);
    let n = 0;
    const read = () => (++n === 1 ? Promise.reject(new Error("busy")) : Promise.resolve(n));
    await expect(program.once("x", read)).rejects.toThrow("busy");
    expect(await program.once("x", read)).toBe(2);
    expect(await program.once("x", read)).toBe(2);
  });

  it("frees what a read holds a version after the next, or at once if it comes later", async () => {
    const program = new OpenProgram(4);
    const freed: string[] = [];
    const free = (what: string) => freed.push(what);
    await program.once("picture", () => Promise.resolve("v0"), free);
    program.version++;
    await program.once("picture", () => Promise.resolve("v1"), free);
    // the version before's may still be on screen until its view reloads
    expect(freed).toEqual([]);
    let late: (value: string) => void = () => {};
    const slow = program.once("slow", () => new Promise<string>((resolve) => (late = resolve)), free);
    program.version++;
    program.once("picture", () => Promise.resolve("v2"), free);
    expect(freed).toEqual(["v0"]);
    program.version++;
    await program.once("picture", () => Promise.resolve("v3"), free);
    expect(freed).toEqual(["v0", "v1"]);
    // asked in version 1, whose reads are freed already: freed as soon as it comes
    late("slow v1");
    await slow;
    expect(freed).toEqual(["v0", "v1", "slow v1"]);
    program.close();
    await Promise.resolve();
    expect(freed.slice(3).sort()).toEqual(["v2", "v3"]);
  });
});
