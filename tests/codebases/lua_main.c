/* Code-base test driver for Lua 5.4 (the crate ships no lua.c): a minimal
 * stand-alone interpreter. `lua_main SCRIPT ARGS...` loads SCRIPT with
 * luaL_loadfile (stdio: getc/fread), sets the global `arg` table like lua.c
 * does, and runs it under a traceback handler. Built natively and with
 * umsan-cc; outputs must be identical and umsan must report nothing. */
#include <stdio.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

static int traceback(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    luaL_traceback(L, L, msg ? msg : "(error object is not a string)", 1);
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s script.lua [args]\n", argv[0]);
        return 2;
    }
    lua_State *L = luaL_newstate();
    if (!L)
        return 3;
    luaL_openlibs(L);
    lua_createtable(L, argc, 1);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i - 1);
    }
    lua_setglobal(L, "arg");
    lua_pushcfunction(L, traceback);
    int status = luaL_loadfile(L, argv[1]);
    if (status == LUA_OK)
        status = lua_pcall(L, 0, 0, -2);
    if (status != LUA_OK)
        printf("error: %s\n", lua_tostring(L, -1));
    lua_close(L);
    return status == LUA_OK ? 0 : 1;
}
