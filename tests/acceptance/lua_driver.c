/* Acceptance driver for Lua 5.4: an embedded interpreter that runs the
 * script given as argv[1] and reports errors. Built natively and with
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
        fprintf(stderr, "usage: %s script.lua\n", argv[0]);
        return 2;
    }
    lua_State *L = luaL_newstate();
    if (!L)
        return 3;
    luaL_openlibs(L);
    lua_pushcfunction(L, traceback);
    if (luaL_loadfile(L, argv[1]) != LUA_OK || lua_pcall(L, 0, 0, -2) != LUA_OK) {
        printf("error: %s\n", lua_tostring(L, -1));
        lua_close(L);
        return 1;
    }
    lua_close(L);
    return 0;
}
