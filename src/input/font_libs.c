/*
 * font_libs.c — the FreeType and HarfBuzz functions MuPDF calls, through
 * the libraries opened on first use (font_libs.h). The list is what the
 * linker reported undefined in libmupdf.a; a function MuPDF starts to call
 * in a later version is a link error here, not a crash.
 */
#include "input/font_libs.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_FONT_FORMATS_H
#include FT_GLYPH_H
#include FT_MODULE_H
#include FT_OUTLINE_H
#include FT_STROKER_H
#include FT_TRUETYPE_TABLES_H
#include <hb.h>
#include <hb-ft.h>

#include "util/lazy_lib.h"

#include "util/lazy_forward.h"

FORWARD_VOID(FT_Add_Default_Modules, (FT_Library library), (library))
FORWARD(FT_Error, FT_Done_Face, (FT_Face face), (face))
FORWARD_VOID(FT_Done_Glyph, (FT_Glyph glyph), (glyph))
FORWARD(FT_Error, FT_Done_Library, (FT_Library library), (library))
FORWARD(FT_Error, FT_Get_Advance,
        (FT_Face face, FT_UInt gindex, FT_Int32 load_flags, FT_Fixed *padvance),
        (face, gindex, load_flags, padvance))
FORWARD(FT_Long, FT_Get_CMap_Format, (FT_CharMap charmap), (charmap))
FORWARD(FT_UInt, FT_Get_Char_Index, (FT_Face face, FT_ULong charcode), (face, charcode))
FORWARD(FT_ULong, FT_Get_First_Char, (FT_Face face, FT_UInt *agindex), (face, agindex))
FORWARD(const char*, FT_Get_Font_Format, (FT_Face face), (face))
FORWARD(FT_Error, FT_Get_Glyph, (FT_GlyphSlot slot, FT_Glyph *aglyph), (slot, aglyph))
FORWARD(FT_Error, FT_Get_Glyph_Name,
        (FT_Face face, FT_UInt glyph_index, FT_Pointer buffer, FT_UInt buffer_max),
        (face, glyph_index, buffer, buffer_max))
FORWARD(FT_UInt, FT_Get_Name_Index, (FT_Face face, const FT_String* glyph_name), (face, glyph_name))
FORWARD(FT_ULong, FT_Get_Next_Char,
        (FT_Face face, FT_ULong char_code, FT_UInt *agindex),
        (face, char_code, agindex))
FORWARD(const char*, FT_Get_Postscript_Name, (FT_Face face), (face))
FORWARD(void*, FT_Get_Sfnt_Table, (FT_Face face, FT_Sfnt_Tag tag), (face, tag))
FORWARD(FT_Error, FT_Glyph_Stroke,
        (FT_Glyph *pglyph, FT_Stroker stroker, FT_Bool destroy),
        (pglyph, stroker, destroy))
FORWARD(FT_Error, FT_Glyph_To_Bitmap,
        (FT_Glyph* the_glyph, FT_Render_Mode render_mode, const FT_Vector* origin, FT_Bool destroy),
        (the_glyph, render_mode, origin, destroy))
FORWARD_VOID(FT_Library_Version,
        (FT_Library library, FT_Int *amajor, FT_Int *aminor, FT_Int *apatch),
        (library, amajor, aminor, apatch))
FORWARD(FT_Error, FT_Load_Glyph,
        (FT_Face face, FT_UInt glyph_index, FT_Int32 load_flags),
        (face, glyph_index, load_flags))
FORWARD(FT_Error, FT_New_Library, (FT_Memory memory, FT_Library *alibrary), (memory, alibrary))
FORWARD(FT_Error, FT_New_Memory_Face,
        (FT_Library library, const FT_Byte* file_base, FT_Long file_size, FT_Long face_index, FT_Face *aface),
        (library, file_base, file_size, face_index, aface))
FORWARD(FT_Error, FT_Outline_Decompose,
        (FT_Outline* outline, const FT_Outline_Funcs* func_interface, void* user),
        (outline, func_interface, user))
FORWARD(FT_Error, FT_Outline_Embolden, (FT_Outline* outline, FT_Pos strength), (outline, strength))
FORWARD_VOID(FT_Outline_Get_CBox, (const FT_Outline* outline, FT_BBox *acbox), (outline, acbox))
FORWARD_VOID(FT_Outline_Translate,
        (const FT_Outline* outline, FT_Pos xOffset, FT_Pos yOffset),
        (outline, xOffset, yOffset))
FORWARD(FT_Error, FT_Render_Glyph, (FT_GlyphSlot slot, FT_Render_Mode render_mode), (slot, render_mode))
FORWARD(FT_Error, FT_Select_Charmap, (FT_Face face, FT_Encoding encoding), (face, encoding))
FORWARD(FT_Error, FT_Set_Char_Size,
        (FT_Face face, FT_F26Dot6 char_width, FT_F26Dot6 char_height, FT_UInt horz_resolution, FT_UInt vert_resolution),
        (face, char_width, char_height, horz_resolution, vert_resolution))
FORWARD(FT_Error, FT_Set_Charmap, (FT_Face face, FT_CharMap charmap), (face, charmap))
FORWARD_VOID(FT_Set_Transform, (FT_Face face, FT_Matrix* matrix, FT_Vector* delta), (face, matrix, delta))
FORWARD(FT_Error, FT_Sfnt_Table_Info,
        (FT_Face face, FT_UInt table_index, FT_ULong *tag, FT_ULong *length),
        (face, table_index, tag, length))
FORWARD_VOID(FT_Stroker_Done, (FT_Stroker stroker), (stroker))
FORWARD(FT_Error, FT_Stroker_New, (FT_Library library, FT_Stroker *astroker), (library, astroker))
FORWARD_VOID(FT_Stroker_Set,
        (FT_Stroker stroker, FT_Fixed radius, FT_Stroker_LineCap line_cap, FT_Stroker_LineJoin line_join, FT_Fixed miter_limit),
        (stroker, radius, line_cap, line_join, miter_limit))
FORWARD_VOID(hb_buffer_add_utf8,
        (hb_buffer_t *buffer, const char *text, int text_length, unsigned int item_offset, int item_length),
        (buffer, text, text_length, item_offset, item_length))
FORWARD_VOID(hb_buffer_clear_contents, (hb_buffer_t *buffer), (buffer))
FORWARD(hb_buffer_t *, hb_buffer_create, (void), ())
FORWARD_VOID(hb_buffer_destroy, (hb_buffer_t *buffer), (buffer))
FORWARD(hb_glyph_info_t *, hb_buffer_get_glyph_infos,
        (hb_buffer_t *buffer, unsigned int *length),
        (buffer, length))
FORWARD(hb_glyph_position_t *, hb_buffer_get_glyph_positions,
        (hb_buffer_t *buffer, unsigned int *length),
        (buffer, length))
FORWARD_VOID(hb_buffer_guess_segment_properties, (hb_buffer_t *buffer), (buffer))
FORWARD_VOID(hb_buffer_set_direction, (hb_buffer_t *buffer, hb_direction_t direction), (buffer, direction))
FORWARD_VOID(hb_buffer_set_language, (hb_buffer_t *buffer, hb_language_t language), (buffer, language))
FORWARD_VOID(hb_font_destroy, (hb_font_t *font), (font))
FORWARD(hb_font_t *, hb_ft_font_create, (FT_Face ft_face, hb_destroy_func_t destroy), (ft_face, destroy))
FORWARD(hb_language_t, hb_language_from_string, (const char *str, int len), (str, len))
FORWARD_VOID(hb_shape,
        (hb_font_t *font, hb_buffer_t *buffer, const hb_feature_t *features, unsigned int num_features),
        (font, buffer, features, num_features))

int font_libs_load(char *err, size_t errlen)
{
    static lazy_lib freetype = LAZY_LIB(FREETYPE_SONAME), harfbuzz = LAZY_LIB(HARFBUZZ_SONAME);
    static const lazy_symbol ft_symbols[] = {
        SYMBOL(FT_Add_Default_Modules), SYMBOL(FT_Done_Face), SYMBOL(FT_Done_Glyph),
        SYMBOL(FT_Done_Library), SYMBOL(FT_Get_Advance), SYMBOL(FT_Get_CMap_Format),
        SYMBOL(FT_Get_Char_Index), SYMBOL(FT_Get_First_Char), SYMBOL(FT_Get_Font_Format),
        SYMBOL(FT_Get_Glyph), SYMBOL(FT_Get_Glyph_Name), SYMBOL(FT_Get_Name_Index),
        SYMBOL(FT_Get_Next_Char), SYMBOL(FT_Get_Postscript_Name), SYMBOL(FT_Get_Sfnt_Table),
        SYMBOL(FT_Glyph_Stroke), SYMBOL(FT_Glyph_To_Bitmap), SYMBOL(FT_Library_Version),
        SYMBOL(FT_Load_Glyph), SYMBOL(FT_New_Library), SYMBOL(FT_New_Memory_Face),
        SYMBOL(FT_Outline_Decompose), SYMBOL(FT_Outline_Embolden), SYMBOL(FT_Outline_Get_CBox),
        SYMBOL(FT_Outline_Translate), SYMBOL(FT_Render_Glyph), SYMBOL(FT_Select_Charmap),
        SYMBOL(FT_Set_Char_Size), SYMBOL(FT_Set_Charmap), SYMBOL(FT_Set_Transform),
        SYMBOL(FT_Sfnt_Table_Info), SYMBOL(FT_Stroker_Done), SYMBOL(FT_Stroker_New),
        SYMBOL(FT_Stroker_Set),
    };
    static const lazy_symbol hb_symbols[] = {
        SYMBOL(hb_buffer_add_utf8), SYMBOL(hb_buffer_clear_contents), SYMBOL(hb_buffer_create),
        SYMBOL(hb_buffer_destroy), SYMBOL(hb_buffer_get_glyph_infos),
        SYMBOL(hb_buffer_get_glyph_positions), SYMBOL(hb_buffer_guess_segment_properties),
        SYMBOL(hb_buffer_set_direction), SYMBOL(hb_buffer_set_language), SYMBOL(hb_font_destroy),
        SYMBOL(hb_ft_font_create), SYMBOL(hb_language_from_string), SYMBOL(hb_shape),
    };
    if (lazy_lib_load(&freetype, ft_symbols, sizeof ft_symbols / sizeof ft_symbols[0], err, errlen) < 0) return -1;
    return lazy_lib_load(&harfbuzz, hb_symbols, sizeof hb_symbols / sizeof hb_symbols[0], err, errlen);
}
